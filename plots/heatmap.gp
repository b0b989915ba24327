# A linux-tier file as a matrix: a row per probe, a column per CPU model
# and kernel command line.  Each cell: the median (large) and its change
# against the same CPU's first column (small); the colour is that change,
# blue fewer, red more, white none, on a scale symmetric about 0.
# Data: column row change% median; names[row+1] the probes, keys[col+1]
# the columns; ylabel is the colour bar's label.
load ARG1
w = 260 + 120 * nkeys
h = 200 + 44 * n
set title title
# before the ranges: stats keeps to them
stats data using 3 name "C" nooutput
set xrange [-0.5 : nkeys - 0.5]
set yrange [n - 0.5 : -0.5]
set xtics () rotate by -30 left nomirror
set ytics () nomirror
do for [i = 1:nkeys] { set xtics add (keys[i] i - 1) }
do for [i = 1:n] { set ytics add (names[i] i - 1) }
set grid noytics
set border 0
set tics scale 0
C_abs = abs(C_min) > abs(C_max) ? abs(C_min) : abs(C_max)
C_abs = C_abs < 1 ? 1 : C_abs
set cbrange [-C_abs : C_abs]
set palette defined (0 "#4b8fc9", 0.5 "#ffffff", 1 "#e0694e")
set cblabel ylabel
set key off
count(v) = v >= 100 || v == int(v) ? sprintf("%.0f", v) : sprintf("%.1f", v)
change(d) = d == 0 ? "=" : abs(d) < 0.01 ? (d < 0 ? "-<0.01%" : "+<0.01%") : abs(d) < 0.1 ? sprintf("%+.2f%%", d) : sprintf("%+.1f%%", d)
do for [ext in exts] {
	eval sprintf(ext eq "png" ? term_png : term_svg, fitw(w), h)
	set output stem . "." . ext
	plot data using 1:2:(0.5):(0.5):3 with boxxyerror fc palette fs solid 1 noborder, \
	     '' using 1:2:(count($4)) with labels offset 0, 0.45, \
	     '' using 1:2:(change($3)) with labels offset 0, -0.55 font ",8" tc rgb "#333333"
	set output
}
