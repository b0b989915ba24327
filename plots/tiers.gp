# Variant x tier: a row per variant (name, mode), a column per results file
# (a linux-tier file: per column of it).  Each cell: the median in its own
# column's unit (the column's label names tier and unit).  The colour is
# the figure over the least figure of its own column, on a log scale: a
# ratio within one tier and unit, never one colour scale across units.
# Data: column row log10(figure/least) figure; names[row+1], keys[col+1].
load ARG1
w = 320 + 110 * nkeys
h = 260 + 22 * n
set title title
stats data using 3 name "C" nooutput
set xrange [-0.5 : nkeys - 0.5]
set yrange [n - 0.5 : -0.5]
set xtics () rotate by -35 left nomirror
set ytics () nomirror
do for [i = 1:nkeys] { set xtics add (keys[i] i - 1) }
do for [i = 1:n] { set ytics add (names[i] i - 1) }
set grid noytics
set border 0
set tics scale 0
set cbrange [0 : C_max > 0 ? C_max : 1]
# 10^c on the colour bar: "1x", "10x", ...
set cbtics () 
do for [e = 0:int(C_max > 0 ? C_max : 1)] { set cbtics add (sprintf("%gx", 10**e) e) }
set palette defined (0 "#fff5eb", 0.5 "#fdae6b", 1 "#e6550d")
set cblabel ylabel
set key off
set rmargin 12
fig(v) = v >= 100 || v == int(v) ? sprintf("%.0f", v) : sprintf("%.1f", v)
do for [ext in exts] {
	eval sprintf(ext eq "png" ? term_png : term_svg, fitw(w), h)
	set output stem . "." . ext
	plot data using 1:2:(0.5):(0.5):3 with boxxyerror fc palette fs solid 1 noborder, \
	     '' using 1:2:(fig($4)) with labels font ",9"
	set output
}
