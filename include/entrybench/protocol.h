/* SPDX-License-Identifier: MIT */
/*
 * The guest -> host result protocol.  This is the ONLY header shared by the
 * freestanding bench kernel and the hosted controller, so it uses nothing but
 * the preprocessor: no libc types, no structs whose layout could differ
 * between an i386 guest, an x86_64 guest and the host.
 *
 * Transport: the guest writes bytes to the QEMU debug console (port 0xe9,
 * `-debugcon`), then writes an exit code to isa-debug-exit (port 0xf4).
 *
 * Two guests speak it: the bench kernel (bench-kernel/), and the Linux
 * guest (linux-guest/), the /init of an initramfs booted with a real Linux
 * kernel, which reaches the same two ports from user space through
 * ioperm() and emits through the bench kernel's own bench-kernel/proto.c.
 * The Linux guest's "variants" are its probes; its kernel keys below are
 * read from /proc/cmdline (eb.variants=, eb.k=, eb.batches=, eb.warmup=,
 * eb.list).
 *
 * Framing: text, one record per line, '\n' terminated, at most
 * EB_PROTO_MAX_LINE bytes including the newline:
 *
 *     EB1 <seq> <type> key=value key="quoted value" ...
 *
 *   - "EB1" names protocol version 1.  A line with another prefix is garbage.
 *   - <seq> is decimal, 0 for the first line, +1 per line.  A gap, a repeat
 *     or a reorder means lost or forged output.
 *   - values are either bare (no space, no '"') or double-quoted (no '"',
 *     no '\\', no control characters inside).
 *   - the last line is `end`: records=<number of lines before it> and
 *     crc32=<8 hex digits>, the CRC-32 (IEEE 802.3, as zlib's crc32()) of
 *     every byte of every line before it, newlines included.  Anything after
 *     `end` is garbage.
 *
 * Versions: within one version a record type may gain keys that are not
 * marked *; a host of the same tree knows them all (it rejects keys it does
 * not know) and accepts their absence, so an older guest of the same version
 * still parses.  A new mandatory key, a removed key or a changed meaning is
 * a new version (EB_PROTO_VERSION, EB_PROTO_MAGIC, hello proto=).
 *
 * Record types, in the order the guest emits them (keys marked * always):
 *
 *   hello    proto* mode*(x86_64|i386) boot*(pvh|multiboot|bzimage) k*
 *            batches* warmup* cmdline kernel
 *                                   boot: how the guest was entered (bzimage:
 *                                   Linux through its bzImage's setup code);
 *                                   kernel: the Linux guest's release
 *                                   (uname -r)
 *   cpu      vendor* family* model* stepping* hypervisor(bool) rdtscp(bool)
 *   calib    iters* ticks*          ring-0 `dec;jnz` loop: ticks for iters
 *                                   iterations.  A few ticks per iteration on
 *                                   hardware, exactly 2 under TCG icount,
 *                                   thousands when ring 0 is emulated.  (The
 *                                   Linux guest runs it in ring 3.)
 *   variant  name* cpl* models* source* family peer torture
 *                                   one per variant built into the kernel
 *                                   (all of them, even ones not selected).
 *                                   family: the kind of entry, a name like
 *                                   a variant's but never one (syscall,
 *                                   exception, nmi, pv, ...); the variants
 *                                   of family EB_FAMILY_NMI are the NMI
 *                                   designs eb.torture= and eb.nmi= take.
 *                                   peer (Linux guest): the bench-kernel
 *                                   variant that models this probe's path.
 *                                   torture (EB_TORTURE_UPCALL): this
 *                                   variant is a design of that in-guest
 *                                   torture, which eb.torture= takes.
 *   skip     name* reason*          selected but cannot run on this CPU
 *   check    name* status*(pass|fail) detail
 *   batch    name* i* k* overhead* ticks*
 *                                   batch i: `ticks` for k round trips and,
 *                                   measured right before it with the same
 *                                   loop and an empty trip, `overhead` ticks.
 *                                   Per-round-trip cost: (ticks-overhead)/k.
 *   timed    name* span*            after a variant's last batch: its whole
 *                                   timing job (warm-up, every batch and
 *                                   its overhead loop) took `span` ticks,
 *                                   so the batches cannot add up to more.
 *                                   A variant's records are complete with
 *                                   `skip`, a failed `check`, or `timed`.
 *   torture  name* expect*(safe|unsafe)
 *            status*(EB_TORTURE_VERDICTS: safe|lost-nmis|corrupted-frame|
 *                    corrupted-cr2|crashed)
 *            sent* handled* scenarios* first detail kind moved points
 *            covered
 *                                   torture mode only (eb.torture=): one per
 *                                   NMI design tortured, after calib; no
 *                                   batches.
 *                                   expect is what the design claims; a
 *                                   status that contradicts it ends the run
 *                                   with status=fail, and so does `moved`:
 *                                   what the design found other than its
 *                                   pins (windows new, vanished, of another
 *                                   kind).  points: the instruction-and-
 *                                   context points its sweeps found,
 *                                   covered (<= points) those an NMI was
 *                                   landed on; both or neither.
 *                                   kind=upcall (EB_TORTURE_UPCALL): the
 *                                   event upcall torture's record instead;
 *                                   status is one of EB_UPCALL_VERDICTS,
 *                                   sent and handled count events raised
 *                                   and handled.
 *   nmi      name* expect* handled* during*
 *                                   NMI-injection mode only (eb.nmi=): after
 *                                   the variants.  Variant `name`'s NMI entry
 *                                   handled every NMI of the boot (the host
 *                                   injects them); it ran `during` times
 *                                   while the variants ran, `handled` times
 *                                   in all: before reading that count the
 *                                   guest waits, bounded (EB_NMI_WAIT_LOOPS),
 *                                   until it reaches expect (eb.nmi-count).
 *   l2run    i* status* bytes*       tier nested, counting boots only (the
 *                                   stream of L1's /init, not of a bench
 *                                   kernel: hello, l2run/count..., end).
 *                                   L1 ran L2 with argv number i (0, 1,
 *                                   ...): status is how L2's QEMU ended
 *                                   (its exit status, 128+N for signal N),
 *                                   bytes what L2 wrote on its debug console.
 *   count    run* event* value why  after its l2run: what L1 counted of
 *                                   event (a tracepoint, sys:name) over that
 *                                   run, L2's QEMU and its threads; why
 *                                   instead of value when it could not.
 *   panic    vector* error* rip* cs* rsp* cr2* what*
 *                                   the guest took an unexpected exception;
 *                                   `end` follows with status=crash.
 *   end      records* crc32* status*(pass|fail|crash|usage) reason
 *
 * "list" mode (cmdline `eb.list`): hello, cpu, variant..., end.
 *
 * Variant names are 1..63 characters of [A-Za-z0-9._+-] (they go back to
 * the guest, comma-separated, on its command line); a guest declares at
 * most 256 variants; decimal values are below 2^63.
 *
 * Numbers are decimal, except crc32 (8 lowercase hex digits) and the panic
 * fields error, rip, cs, rsp and cr2 (0x-prefixed hex).  Booleans are 0/1.
 *
 * Units: every tick value is a TSC delta.  Under TCG with
 * `-icount shift=0` one tick is one executed instruction; under hardware
 * KVM it is a TSC cycle.  The guest does not know which; the host does.
 */
#ifndef ENTRYBENCH_PROTOCOL_H
#define ENTRYBENCH_PROTOCOL_H

#define EB_PROTO_VERSION	1
#define EB_PROTO_MAGIC		"EB1"
/*
 * 2048: a torture record lists the failing windows of every scenario.  A
 * host only ever accepts more than an older guest of the same version
 * sends, so raising it keeps version 1.
 */
#define EB_PROTO_MAX_LINE	2048

/* I/O ports (QEMU: -debugcon ...,iobase default 0xe9; isa-debug-exit). */
#define EB_PORT_DEBUGCON	0xe9
#define EB_PORT_EXIT		0xf4
/*
 * NMI acknowledgements (eb.nmi= only): a second debug console,
 * `-device isa-debugcon,iobase=0x402,chardev=...`, out of band of the
 * protocol.  The system NMI handler writes one byte per run: the low 8 bits
 * of its run count (1, 2, ...).  The host injects the next NMI only after
 * the ack of the previous one, so two NMIs can never merge in the CPU's
 * one-deep NMI latch however late the host or QEMU gets scheduled.
 */
#define EB_PORT_NMI_ACK		0x402

/*
 * Guest exit codes written to EB_PORT_EXIT.  QEMU exits with (code << 1) | 1,
 * so the host sees 1, 3, 5, 7.  A triple fault under -no-reboot makes QEMU
 * exit with 0, which can therefore never be mistaken for a guest verdict.
 */
#define EB_EXIT_PASS		0	/* every selected variant passed its check */
#define EB_EXIT_CHECK_FAILED	1	/* at least one check failed */
#define EB_EXIT_CRASH		2	/* unexpected exception, see `panic` */
#define EB_EXIT_USAGE		3	/* bad kernel command line */
#define EB_QEMU_STATUS(code)	(((code) << 1) | 1)

/*
 * Tier nested: the L1 Linux's /init (nested-guest/) runs the bench kernel
 * as L2 under a real KVM and passes L2's debug console and its exit code
 * on to the outer QEMU unchanged, so the host reads L2's records as from
 * any tier.  Its inputs come through fw_cfg (the qemu_fw_cfg module):
 * QEMU's argv for L2 (NUL-terminated strings) and the bench kernel image,
 * which /init writes to EB_NESTED_L2_KERNEL, the path that argv names.
 * When L1 itself cannot run L2 (a module, /dev/kvm, QEMU), /init says why
 * on L1's console (lines starting "entrybench-l1: ") and exits with
 * EB_EXIT_L1_FAILED, a code no bench kernel writes.
 */
#define EB_NESTED_FWCFG_ARGV	"opt/entrybench/l2-argv"
#define EB_NESTED_FWCFG_KERNEL	"opt/entrybench/l2-kernel"
#define EB_NESTED_L2_KERNEL	"/run/l2-kernel"
/* In the L1 initramfs: the modules to load, one .ko path a line, in order */
#define EB_NESTED_MODULE_LIST	"/etc/entrybench-modules"
#define EB_NESTED_L1_SAYS	"entrybench-l1: "
#define EB_EXIT_L1_FAILED	0x3e
/*
 * The x-ray of the nested tier (entrybench xray --accel nested): when this
 * fw_cfg file exists, /init prints, after loading the modules and before
 * running L2, one line per text section of every loaded module on L1's
 * console: EB_NESTED_L1_SECTION "<module> <section> 0x<address>", from
 * /sys/module/<module>/sections/.  The host places the symbols of the
 * modules' .ko files there.  Other runs do not ask and pay nothing.
 */
#define EB_NESTED_FWCFG_SECTIONS	"opt/entrybench/l1-sections"
#define EB_NESTED_L1_SECTION	"entrybench-l1-section: "
/*
 * A counting boot (run --counters): fw_cfg EB_NESTED_FWCFG_COUNT names the
 * events to count, one a line, and l2-argv holds several argvs, each ended
 * by an empty string.  /init runs L2 with each in turn, counting the
 * events on L2's QEMU through perf_event_open(2), and speaks the protocol
 * itself: hello (kernel=L1's release, k=1 batches=0 warmup=0), then per
 * run an l2run record and its count records, then end.  L2's own records
 * are not passed on; their bytes are counted.
 */
#define EB_NESTED_FWCFG_COUNT	"opt/entrybench/l1-count"
/*
 * Programs L1 runs itself: the l2-argv's argv[0] may be EB_NESTED_L1_PROBES,
 * the linux guest's probe runner built with L1's own probes
 * (nested-guest/probes/), which /init runs with its records relayed like
 * L2's and its exit status (an EB_EXIT_* code) passed on.  Its one probe,
 * EB_NESTED_KVM_RUN_PIO, is the native tier's KVM_RUN round trip.
 */
/*
 * Under run --inject-nmi, fw_cfg EB_NESTED_FWCFG_NMI is the plan: decimal
 * numbers, blank-separated: the ack timeout in us, then each NMI's gap in
 * us (after L2's first line, then after the previous ack).  L2's QEMU has
 * its QMP socket at EB_NESTED_QMP_SOCK and its ack console as a client of
 * EB_NESTED_ACK_SOCK, on which /init listens; /init injects through QMP,
 * paced on the acks as the host's injector (host/run/nmi_injector.h), and
 * speaks its own stream on the outer port EB_NESTED_PORT_NMI_LOG: hello,
 * an l1nmi record per NMI (i, at_us, line, ack_us if acked in time), one
 * l1inject (injected, acks, lost, bad_ack, bad_byte, why), end.  Times in
 * L1's microseconds (virtual under icount).  L2's stream is untouched.
 */
#define EB_NESTED_FWCFG_NMI	"opt/entrybench/l1-nmi"
#define EB_NESTED_QMP_SOCK	"/run/l2-qmp.sock"
#define EB_NESTED_ACK_SOCK	"/run/l2-ack.sock"
#define EB_NESTED_PORT_NMI_LOG	0x403
#define EB_NESTED_L1_PROBES	"/l1-probes"
#define EB_NESTED_KVM_RUN_PIO	"kvm-run-pio"
#define EB_NESTED_MAX_RUNS	512
#define EB_NESTED_MAX_EVENTS	32

/* Kernel command line keys (the multiboot loader prepends the file name,
 * which the guest skips; unknown eb.* keys are a usage error). */
#define EB_ARG_VARIANTS		"eb.variants="	/* comma list, default all */
#define EB_ARG_K		"eb.k="		/* round trips per batch */
#define EB_ARG_BATCHES		"eb.batches="	/* batches per variant */
#define EB_ARG_WARMUP		"eb.warmup="	/* untimed round trips first */
#define EB_ARG_LIST		"eb.list"	/* describe variants and exit */
/* The family of the NMI designs; eb.torture= takes it for all of them */
#define EB_FAMILY_NMI		"nmi"
#define EB_ARG_TORTURE		"eb.torture="	/* EB_FAMILY_NMI, or one NMI design,
						   EB_TORTURE_UPCALL, or one of its */
/*
 * A torture record's status=, the guest's verdict on one NMI design, from
 * safe to crashed: the elements of an array initializer, for the guest that
 * says them and the host that checks them.
 */
#define EB_TORTURE_VERDICTS \
	"safe", "lost-nmis", "corrupted-frame", "corrupted-cr2", "crashed"
/*
 * The event upcall torture (x86_64): eb.torture=upcall runs it on every
 * variant whose `variant` record says torture=upcall (the Xen PV upcall
 * designs), eb.torture=<such a variant> on that one.  Its `torture` records
 * say kind=upcall, and their status= is one of these, from safe to crashed.
 */
#define EB_TORTURE_UPCALL	"upcall"
#define EB_UPCALL_VERDICTS \
	"safe", "lost-events", "wrong-result", "corrupted-frame", "flag-lost", \
	"bad-schedule", "crashed"
/*
 * NMI injection (x86_64 only; excludes eb.torture): eb.nmi=<NMI design>
 * makes that design's entry the NMI handler of the whole boot, installed
 * before `hello` (so the host injects only after it), every selected variant
 * (but the NMI designs, which own the NMI gate: `skip`) is checked on as many
 * round trips as it times, and an `nmi` record ends the run.
 */
#define EB_ARG_NMI		"eb.nmi="
#define EB_ARG_NMI_COUNT	"eb.nmi-count="	/* NMIs the host will inject */

#define EB_DEFAULT_K		64
#define EB_DEFAULT_BATCHES	16
#define EB_DEFAULT_WARMUP	256
#define EB_MAX_BATCHES		1024
#define EB_MAX_K		1000000

#define EB_CALIB_ITERS		1000

#define EB_MAX_NMI_COUNT	100000
/* Polls of the handled count before `nmi`: seconds of TCG, far less of KVM */
#define EB_NMI_WAIT_LOOPS	200000000

#endif /* ENTRYBENCH_PROTOCOL_H */
