# Shared by every plot, loaded by the meta file the controller writes for
# each plot (it sets `data`, `stem`, `title`, `caption`, `unit`,
# `ylabel`, `exts` ("png svg", or one of them), `n`, `files`,
# `names[1..n]`, `nkeys`, `keys[1..nkeys]`, `colours[1..nkeys]` and loads
# this last; each script starts with `load ARG1`, the meta file, and
# writes one file per word of `exts`).
# Those strings come from results files: the meta file single-quotes them
# (no `command` substitution); never paste one into a double-quoted string
# or an eval.
# No enhanced text: variant names have `_`.  One look for PNG and SVG.
set termoption noenhanced
set datafile separator "\t"
set grid ytics lc rgb "#dddddd"
set border 3
set tics nomirror
set style fill solid 0.7 border -1
# terminal(ext, w, h): the terminal for one of the two outputs
term_png = "set terminal pngcairo size %d,%d noenhanced font 'DejaVu Sans,10'"
term_svg = "set terminal svg size %d,%d noenhanced font 'DejaVu Sans,10' dynamic background rgb 'white'"
# After `stats ... name "Y"` (one column each: two columns make stats fit a
# line, which warns on two points): a y range around [Y_min, Y_max] with
# some air.  Exact counts are often one value; autoscaling would warn
# "empty y range".
# Equal within rounding counts as equal: GSL's p5 of {3, 3} is
# 2.9999999999999996, and a range that narrow has no room for tics.
yfit = "Y_pad = Y_max - Y_min > 1e-9 * (abs(Y_max) + 1) ? 0.1 * (Y_max - Y_min) : 0.05 * abs(Y_max) + 1; " . \
       "set yrange [Y_min - Y_pad : Y_max + Y_pad]"
# The title's second line says what was measured where (kernel or
# revision, QEMU, host): every figure carries it.  A literal "\n" here
# joins the lines; concatenation evaluates nothing in either string.
title_len = strlen(title) > strlen(caption) ? strlen(title) : strlen(caption)
if (strlen(caption) > 0) { title = title . "\n" . caption }
# Never narrower than the title nor shorter than the y label (~7 px a
# character at 10 pt): they carry the tier and the unit.
fitw(w) = w > 7 * title_len + 80 ? w : 7 * title_len + 80
fith(h, label) = h > 7 * strlen(label) + 60 ? h : 7 * strlen(label) + 60
# A legend right of the plot (bars, compare) takes this many pixels from
# it, and the title is centred over the plot: add it to the width.
key_px = 0
do for [i = 1:nkeys] { key_px = 7 * strlen(keys[i]) + 70 > key_px ? 7 * strlen(keys[i]) + 70 : key_px }
