# Per-variant medians with p5-p95 error bars, one bar per (variant, mode),
# grouped by mode (the controller sorts rows by mode) and coloured by it.
# One unit per file.  Data: label median p5 p95 modeindex ntrials
load ARG1
w = 200 + 60 * n
w = w < 700 ? 700 : w
set title title
set ylabel unit . " per round trip (median, p5-p95 over trials)"
set xtics rotate by -30 left
set yrange [0:*]
set offsets 0.5, 0.5, graph 0.1, 0
set boxwidth 0.6
# the last tic label slants off to the right
set rmargin 16
set key off
# whole counts as integers, fractional cycle medians to one decimal
fmt(v) = v >= 100 || v == int(v) ? sprintf("%.0f", v) : sprintf("%.1f", v)
do for [ext in "png svg"] {
	eval sprintf(ext eq "png" ? term_png : term_svg, fitw(w), fith(520, unit . " per round trip (median, p5-p95 over trials)"))
	set output stem . "." . ext
	plot data using 0:2:(0.6):5:xtic(1) with boxes lc variable, \
	     '' using 0:2:3:4 with yerrorbars lc rgb "black" pt 7 ps 0, \
	     '' using 0:4:(fmt($2)) with labels offset 0, 0.8
	set output
}
