# NEW / BASE per variant with its interval (bootstrap for cycles, a point
# for exact instruction counts), against the line of no change.
# Data: label ratio lo hi
load ARG1
w = 200 + 60 * n
w = w < 700 ? 700 : w
set title title
set ylabel ylabel
set xtics rotate by -30 left
set offsets 0.5, 0.5, 0, 0
# The y range: every interval and the line of no change, with air.  When
# every ratio is exactly 1 (a file against itself) autoscaling would fail
# with "empty y range"; then +-1 %.
stats data using 3 name "L" nooutput
stats data using 4 name "H" nooutput
R_min = L_min < 1 ? L_min : 1
R_max = H_max > 1 ? H_max : 1
R_pad = R_max - R_min > 1e-9 ? 0.15 * (R_max - R_min) : 0.01
set yrange [R_min - R_pad : R_max + R_pad]
set key off
# the last tic label slants off to the right
set rmargin 16
do for [ext in exts] {
	eval sprintf(ext eq "png" ? term_png : term_svg, fitw(w), fith(520, ylabel))
	set output stem . "." . ext
	plot 1 with lines dt 2 lc rgb "#888888", \
	     data using 0:2:3:4:xtic(1) with yerrorbars pt 7 ps 1.2 lc rgb "#c0392b", \
	     '' using 0:4:(sprintf("%.4g", $2)) with labels offset 0, 0.8
	set output
}
