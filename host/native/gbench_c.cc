// SPDX-License-Identifier: MIT
// The only C++ in entrybench: gbench_c.h's C interface over Google
// Benchmark's C++ API.  Each function is a thin forward; the C side never
// sees a C++ type or exception.
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include <unistd.h>

#include <benchmark/benchmark.h>

#include "gbench_c.h"

static benchmark::State *S(struct eb_gb_state *st)
{
	return reinterpret_cast<benchmark::State *>(st);
}

static const benchmark::State *S(const struct eb_gb_state *st)
{
	return reinterpret_cast<const benchmark::State *>(st);
}

extern "C" void eb_gb_register(const char *name, eb_gb_fn fn, void *arg,
			       bool manual_time)
{
	auto *b = benchmark::RegisterBenchmark(name,
		[fn, arg](benchmark::State &st) {
			fn(reinterpret_cast<struct eb_gb_state *>(&st), arg);
		});
	if (manual_time)
		b->UseManualTime();
}

extern "C" uint64_t eb_gb_max_iterations(const struct eb_gb_state *st)
{
	return S(st)->max_iterations;
}

extern "C" bool eb_gb_keep_running(struct eb_gb_state *st)
{
	return S(st)->KeepRunning();
}

extern "C" bool eb_gb_keep_running_batch(struct eb_gb_state *st, uint64_t n)
{
	return S(st)->KeepRunningBatch(n);
}

extern "C" uint64_t eb_gb_iterations(const struct eb_gb_state *st)
{
	return S(st)->iterations();
}

extern "C" void eb_gb_set_iteration_time(struct eb_gb_state *st, double seconds)
{
	S(st)->SetIterationTime(seconds);
}

extern "C" void eb_gb_set_counter(struct eb_gb_state *st, const char *name,
				  double value)
{
	S(st)->counters[name] = benchmark::Counter(value);
}

extern "C" void eb_gb_set_label(struct eb_gb_state *st, const char *label)
{
	S(st)->SetLabel(label);
}

static void report(struct eb_gb_state *st, const char *prefix,
		   const char *fmt, va_list ap)
{
	char msg[512];
	int n = snprintf(msg, sizeof(msg), "%s", prefix);

	vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
	S(st)->SkipWithError(msg);
}

extern "C" void eb_gb_error(struct eb_gb_state *st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(st, "", fmt, ap);
	va_end(ap);
}

extern "C" void eb_gb_skip(struct eb_gb_state *st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(st, EB_GB_SKIPPED, fmt, ap);
	va_end(ap);
}

// Progress on stderr.  A skip (an error whose message starts with
// EB_GB_SKIPPED) says the same for every repetition: shown once.
class Display : public benchmark::ConsoleReporter {
public:
	using ConsoleReporter::ConsoleReporter;

	void ReportRuns(const std::vector<Run> &runs) override
	{
		std::vector<Run> shown;

		for (const Run &r : runs)
			if (!r.error_occurred ||
			    r.error_message.rfind(EB_GB_SKIPPED, 0) != 0 ||
			    skipped_.insert(r.run_name.str()).second)
				shown.push_back(r);
		if (!shown.empty())
			ConsoleReporter::ReportRuns(shown);
	}

private:
	std::set<std::string> skipped_;
};

extern "C" int eb_gb_run(const struct eb_gb_options *o, char *err, size_t size)
{
	// Google Benchmark exits the process when it cannot open its output
	// file: find out first, while the error can still be reported.
	FILE *f = fopen(o->json_path, "w");
	if (!f) {
		snprintf(err, size, "cannot write %s: %s", o->json_path,
			 strerror(errno));
		return -1;
	}
	fclose(f);

	// The library takes its options as command-line flags only.
	std::vector<std::string> flags = {
		"entrybench",
		"--benchmark_repetitions=" + std::to_string(o->repetitions),
		"--benchmark_out=" + std::string(o->json_path),
		"--benchmark_out_format=json",
	};
	if (o->min_time_s > 0)
		flags.push_back("--benchmark_min_time=" +
				std::to_string(o->min_time_s));
	std::vector<char *> argv;
	for (auto &s : flags)
		argv.push_back(&s[0]);
	argv.push_back(nullptr);
	int argc = static_cast<int>(flags.size());
	benchmark::Initialize(&argc, argv.data());
	if (argc != 1) {
		snprintf(err, size, "Google Benchmark refused %s", argv[1]);
		return -1;
	}

	// In colour only on a terminal.
	Display display(isatty(STDERR_FILENO) ?
		benchmark::ConsoleReporter::OO_Defaults :
		benchmark::ConsoleReporter::OO_Tabular);
	display.SetOutputStream(&std::cerr);
	display.SetErrorStream(&std::cerr);
	size_t ran = benchmark::RunSpecifiedBenchmarks(&display, nullptr,
			o->filter ? o->filter : "");
	// Nothing matched: nothing was written to the file emptied above.
	if (!ran)
		unlink(o->json_path);
	return static_cast<int>(ran);
}

extern "C" void eb_gb_clear(void)
{
	benchmark::ClearRegisteredBenchmarks();
}
