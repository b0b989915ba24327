# Distribution over trials, one panel per (variant, mode): each panel has
# its own scale, so a 4-instruction path and a 900-cycle path both show
# their spread.  Box: quartiles, whiskers 1.5 IQR; dots: every trial.
# Data: one block per variant (blank-line pair separated): value
load ARG1
cols = n < 4 ? n : 4
rows = (n + cols - 1) / cols
set style boxplot nooutliers	# every trial is drawn as a dot anyway
set style data boxplot
set boxwidth 0.5
set xtics ("" 1)
set xrange [0.4:1.6]
set key off
set jitter spread 0.25
do for [ext in exts] {
	eval sprintf(ext eq "png" ? term_png : term_svg, fitw(300 * cols), 300 * rows + 40)
	set output stem . "." . ext
	set multiplot layout rows, cols title title
	do for [i = 1:n] {
		set title names[i]
		set ylabel unit
		# Exact counts are one value: give it a visible range, not a warning.
		set autoscale y
		stats data index (i - 1) using 1 name "Y" nooutput
		eval yfit
		plot data index (i - 1) using (1):1 with boxplot lc rgb "#8fb3d9", \
		     '' index (i - 1) using (1):1 with points pt 7 ps 0.5 lc rgb "black"
	}
	unset multiplot
	set output
}
