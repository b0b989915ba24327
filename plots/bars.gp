# Per-variant medians with p5-p95 error bars, one bar per (variant, mode),
# grouped by family (the controller sorts rows by family) and coloured by
# it, with a legend.  One unit per file.  When the medians span more than
# 1000x the y axis is logarithmic, and the label says so; below that the
# value above each bar keeps the short ones readable.
# Data: label median p5 p95 key ntrials (key: keys[key], colours[key])
load ARG1
many = n > 40
w = 200 + (many ? 30 : 60) * n
w = w < 700 ? 700 : w
set title title
stats data using 2 name "M" nooutput
logy = M_min > 0 && M_max / M_min > 1000
yl = unit . " per round trip (median, p5-p95 over trials" . (logy ? "; log scale)" : ")")
set ylabel yl
set xtics rotate by (many ? -60 : -30) left
if (logy) { set logscale y; set yrange [M_min / 2 : *] } else { set yrange [0:*] }
set offsets 0.5, 0.5, graph (many ? 0.2 : 0.1), 0
set boxwidth 0.6
# the legend right of the plot, which also leaves room for the last tic
# label slanting off to the right
set key outside right top vertical samplen 1.5 title "family"
# whole counts as integers, fractional cycle medians to one decimal
fmt(v) = v >= 100 || v == int(v) ? sprintf("%.0f", v) : sprintf("%.1f", v)
# many bars: the values stand upright above them, else they overlap
do for [ext in exts] {
	eval sprintf(ext eq "png" ? term_png : term_svg, fitw(w) + key_px, fith(many ? 640 : 560, yl))
	set output stem . "." . ext
	if (many) {
		plot for [g = 1:nkeys] data using ($5 == g ? $0 : NaN):2:(0.6) \
			with boxes lc rgb colours[g] title keys[g], \
		     '' using 0:2:3:4:xtic(1) with yerrorbars lc rgb "black" pt 7 ps 0 notitle, \
		     '' using 0:4:(" " . fmt($2)) with labels rotate by 90 left offset 0, 0.3 notitle
	} else {
		plot for [g = 1:nkeys] data using ($5 == g ? $0 : NaN):2:(0.6) \
			with boxes lc rgb colours[g] title keys[g], \
		     '' using 0:2:3:4:xtic(1) with yerrorbars lc rgb "black" pt 7 ps 0 notitle, \
		     '' using 0:4:(fmt($2)) with labels offset 0, 0.8 notitle
	}
	set output
}
