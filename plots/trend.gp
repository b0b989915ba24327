# Chosen variants over a series of results files (e.g. one per commit),
# one panel per (variant, mode), median with p5-p95 bars.
# Data: one block per variant: fileindex median p5 p95 filelabel revision
# (revision "-" when the file does not say: then the label is the file's).
load ARG1
cols = n < 3 ? n : 3
rows = (n + cols - 1) / cols
set key off
set xtics rotate by -30 left
# room below for a two-line tic (file, revision) turned by 30 degrees
set bmargin 7
# A point's tic: its file, and below it the revision the file measured.
# Both come from the data as strings; concatenation evaluates nothing.
tick(file, rev) = rev eq "-" ? file : file . "\n" . rev
# Every panel spans all files (`files`, from the meta file): a variant
# measured in one file only is one point, whose x range autoscaling would
# call empty.
set xrange [-0.3 : files - 0.7]
set offsets 0, 0, graph 0.1, graph 0.1
do for [ext in exts] {
	eval sprintf(ext eq "png" ? term_png : term_svg, fitw(420 * cols), 340 * rows + 60)
	set output stem . "." . ext
	set multiplot layout rows, cols title title
	do for [i = 1:n] {
		set title names[i]
		set ylabel unit
		set autoscale y
		stats data index (i - 1) using 3 name "L" nooutput
		stats data index (i - 1) using 4 name "H" nooutput
		Y_min = L_min
		Y_max = H_max
		eval yfit
		plot data index (i - 1) using 1:2:3:4:xtic(tick(strcol(5), strcol(6))) \
			with yerrorlines pt 7 lc rgb "#2c7fb8"
	}
	unset multiplot
	set output
}
