# NEW / BASE per variant: a bar from the line of no change (1) to the
# ratio, coloured by compare's verdict (legend), with the interval for
# cycles (exact instruction counts have none), and the change written
# above it.  A ratio that dominates the others (host/plot/compare.c,
# mark_dominant) is off the scale: its bar is cut at the edge, with its
# value and "off scale" written there, so that the others keep their
# size.  When the rest span more than 2x the y axis is logarithmic (the
# label says so).
# Data: label ratio lo hi key off (keys[key], colours[key]; off 0 or 1)
load ARG1
w = 260 + 40 * n
w = w < 700 ? 700 : w
set title title
set xtics rotate by -45 left
set offsets 0.5, 0.5, 0, 0
# The y range: every interval on the scale and the line of no change,
# with air.  When every ratio is exactly 1 (a file against itself)
# autoscaling would fail with "empty y range"; then +-1 %.
stats data using ($6 != 0 ? 1 : $3) name "L" nooutput
stats data using ($6 != 0 ? 1 : $4) name "H" nooutput
stats data using 6 name "OFF" nooutput
R_min = L_min < 1 ? L_min : 1
R_max = H_max > 1 ? H_max : 1
logy = R_max / R_min > 2
yl = ylabel . (logy ? "; log scale" : "") . (OFF_max > 0 ? "; a dominating ratio off scale" : "")
set ylabel yl
if (logy) {
	Y_lo = R_min / 1.3
	Y_hi = R_max * 1.6
	set logscale y
} else {
	R_pad = R_max - R_min > 1e-9 ? 0.15 * (R_max - R_min) : 0.01
	Y_lo = R_min - R_pad
	Y_hi = R_max + R_pad
}
set yrange [Y_lo : Y_hi]
set key outside right top vertical title "verdict" samplen 1.5
set style fill solid 0.8 border -1
# small changes as a percentage, large ones as a factor; none for no change
change(r) = r == 1 ? "" : r > 0.5 && r < 2 ? sprintf("%+.3g%%", 100 * (r - 1)) : sprintf("%.3gx", r)
clip(r) = r > Y_hi ? Y_hi : r < Y_lo ? Y_lo : r
lo(r) = r < 1 ? clip(r) : 1
hi(r) = r > 1 ? clip(r) : 1
do for [ext in exts] {
	eval sprintf(ext eq "png" ? term_png : term_svg, fitw(w) + key_px, fith(560, yl))
	set output stem . "." . ext
	plot for [g = 1:nkeys] data using ($5 == g ? $0 : NaN):2:($0 - 0.3):($0 + 0.3):(lo($2)):(hi($2)) \
		with boxxyerror lc rgb colours[g] title keys[g], \
	     1 with lines dt 2 lc rgb "#444444" notitle, \
	     data using 0:($6 != 0 ? NaN : $2):3:4:xtic(1) with yerrorbars pt 7 ps 0.6 lc rgb "black" notitle, \
	     '' using 0:($6 != 0 ? NaN : hi($4)):(change($2)) with labels offset 0, 0.8 notitle, \
	     '' using 0:($6 != 0 ? ($2 > 1 ? Y_hi : Y_lo) : NaN):(change($2) . " off scale") \
		with labels offset 0, 0.8 tc rgb "#b00000" notitle
	set output
}
