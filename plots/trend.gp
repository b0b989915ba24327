# A series of results files (e.g. one per commit) as one chart: a line per
# variant, its median and p5-p95 in each file over its median in its first
# file (1: unchanged), so that a 4- and a 400-instruction path share one
# axis; the legend gives each line's first and last median in the unit.
# The variants that did not move are one grey line at 1.  When the lines
# span more than 2x the y axis is logarithmic (the label says so).
# Data: one block per line: fileindex ratio lo hi filelabel revision
# (revision "-" when the file does not say: then the label is the file's);
# names[i], colours[i]: line i's legend entry and colour.
load ARG1
set key below Left reverse samplen 2 width 2
set xtics rotate by -30 left
# room below for a two-line tic (file, revision) turned by 30 degrees
set bmargin 7
# A point's tic: its file, and below it the revision the file measured.
# Both come from the data as strings; concatenation evaluates nothing.
tick(file, rev) = rev eq "-" ? file : file . "\n" . rev
# Every line spans all files (`files`, from the meta file): a variant
# measured in one file only is one point, whose x range autoscaling would
# call empty.
set xrange [-0.3 : files - 0.7]
stats data using 3 name "L" nooutput
stats data using 4 name "H" nooutput
Y_min = L_min < 1 ? L_min : 1
Y_max = H_max > 1 ? H_max : 1
logy = Y_max / Y_min > 2
yl = ylabel . (logy ? " (log scale)" : "")
set ylabel yl
if (logy) { set logscale y; set yrange [Y_min / 1.2 : Y_max * 1.2] } else { eval yfit }
set title title
w = 300 + 110 * files
w = w < 900 ? 900 : w
do for [ext in exts] {
	eval sprintf(ext eq "png" ? term_png : term_svg, fitw(w), fith(560, yl))
	set output stem . "." . ext
	plot for [i = 1:n] data index (i - 1) using 1:2:3:4:xtic(tick(strcol(5), strcol(6))) \
		with yerrorlines pt 7 ps 0.8 lw 1.5 lc rgb colours[i] title names[i]
	set output
}
