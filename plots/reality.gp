# Model against reality: per Linux probe (and column) the bench-kernel
# variant that models it and the probe's own count, side by side on a log
# scale, the ratio real / model above.  Data: label model real ratio
load ARG1
w = 200 + 70 * n
w = w < 700 ? 700 : w
set title title
set ylabel ylabel
set xtics rotate by -30 left
set logscale y
set yrange [1:*]
set offsets 0.5, 0.5, graph 0.15, 0
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set key top left
# the last tic label slants off to the right
set rmargin 28
do for [ext in exts] {
	# the title is centred over the plot, which the wide right margin shifts
	eval sprintf(ext eq "png" ? term_png : term_svg, fitw(w) + 400, fith(520, ylabel))
	set output stem . "." . ext
	plot data using 2:xtic(1) title "model (bench kernel)" lc rgb "#2c7fb8", \
	     '' using 3 title "Linux" lc rgb "#c0392b", \
	     '' using 0:3:(sprintf("%.1fx", $4)) with labels offset 1.2, 0.8 notitle
	set output
}
