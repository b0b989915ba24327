/*
 * The SYSCALL gap of [xen-pv-nmi], for every NMI design: an NMI on each
 * instruction from a SYSCALL entry point to the instruction after which its
 * stack switch is complete, while RSP is still the user's.  SYSCALL switches
 * neither stack nor GS, and the user's RSP can be anything: an NMI gate
 * without a stack of its own (IST) pushes its frame there, so a design
 * without IST should fail here and the IST designs survive, unless they
 * trust that RSP.  Measured, not assumed: the user side is a window in ring
 * 3 (nmi_torture.S, tw_user_syscall) that enters with canaries in every
 * register and RSP pointing either at kernel memory (a buffer checked
 * afterwards: "mem" if anything wrote it) or into the NMI stack itself (the
 * "-ist" scenarios: what a design that reads the interrupted RSP makes of
 * it).
 *
 * The paths: syscall-ptregs (Linux's native entry), syscall-pv-late
 * (the hypervisor stub [xen-pv-nmi] proposes), pv-syscall-bounce (the
 * in-guest hypervisor's SYSCALL entry, once for the user's system call and
 * once for the PV kernel's iret hypercall) and syscall-pv-early (Xen's
 * xen_syscall_target: a stub, the undo, "<-- NMI right here", the native
 * entry after SWAPGS).  A first run single-steps the path to list its
 * instructions in order; then each is swept in a run of its own (DR0 on it,
 * the NMI at the occurrence listed).
 */
#include "lib.h"
#include "user.h"
#include "variant.h"
#include "x86.h"
#include <arch/nmi.h>
#include <arch/nmi_torture.h>
#include <arch/percpu.h>
#include <arch/ptregs.h>
#include <arch/unistd.h>
#include "nmi_torture_local.h"

void entry_SYSCALL_64_ptregs(void), entry_SYSCALL_64_after_swapgs(void);
void entry_SYSCALL_64_safe_stack(void);
void pv_hypervisor_syscall(void), pv_hypervisor_syscall_safe_stack(void);
void hypervisor_syscall(void), hypervisor_bounce_safe_stack(void);
void hypervisor_hcall_safe_stack(void);
void pv_hypervisor_syscall_early(void), xen_syscall_target(void);

#define MAX_GAP_POINTS	48

struct gap_path {
	const char *scenario, *scenario_ist;
	const char *variant;			/* whose setup() installs the path */
	void (*entry)(void);			/* the SYSCALL target */
	void (*done[2])(void);			/* the stack switch is complete here */
	struct nmi_sym syms[4];			/* to name addresses */
};

static const struct gap_path paths[] = {
	{ "gap-ptregs", "gap-ptregs-ist", "syscall-ptregs", entry_SYSCALL_64_ptregs,
	  { entry_SYSCALL_64_safe_stack },
	  { { "entry_SYSCALL_64_ptregs", entry_SYSCALL_64_ptregs } } },
	{ "gap-pv-late", "gap-pv-late-ist", "syscall-pv-late", pv_hypervisor_syscall,
	  { pv_hypervisor_syscall_safe_stack },
	  { { "pv_hypervisor_syscall", pv_hypervisor_syscall } } },
	{ "gap-bounce", "gap-bounce-ist", "pv-syscall-bounce", hypervisor_syscall,
	  { hypervisor_bounce_safe_stack, hypervisor_hcall_safe_stack },
	  { { "hypervisor_syscall", hypervisor_syscall } } },
	{ "gap-xen", "gap-xen-ist", "syscall-pv-early", pv_hypervisor_syscall_early,
	  { entry_SYSCALL_64_safe_stack },
	  { { "pv_hypervisor_syscall_early", pv_hypervisor_syscall_early },
	    { "xen_syscall_target", xen_syscall_target },
	    { "entry_SYSCALL_64_after_swapgs", entry_SYSCALL_64_after_swapgs } } },
};

/* The user's side (nmi_torture.S): in the user region, it runs in ring 3 */
__user_data struct tw_window tw_user;
void tw_user_syscall(void *unused), tw_user_syscall_ret(void);
void arch_run_user(void (*fn)(void *), void *arg);

/* What the NMI frame must not touch: the "user RSP" points at its top */
static u8 kernel_victim[2048] __aligned(16);
#define VICTIM_BYTE	0x5a

static u64 tw_user_gs;		/* the user's GS base: KERNEL_GS_BASE in the kernel */

#define USER_FLAGS	(X86_EFLAGS_FIXED | X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF | \
			 X86_EFLAGS_ZF | X86_EFLAGS_SF | X86_EFLAGS_OF | X86_EFLAGS_DF)

static struct {
	const struct gap_path *path;
	bool ist;			/* RSP into the NMI stack, not kernel_victim */
	bool listing;			/* the first run: list the points */
	bool stepping;
	unsigned long target;		/* a sweep run: the NMI at this ... */
	unsigned occ, hits;		/* ... occurrence of it */
	struct {
		unsigned long ip;
		unsigned occ;
	} pt[MAX_GAP_POINTS];
	unsigned n;
} gap;

static bool gap_done(unsigned long ip)
{
	for (unsigned i = 0; i < N_OF(gap.path->done); i++)
		if (gap.path->done[i] && ip == (unsigned long)gap.path->done[i])
			return true;
	return false;
}

/* The listing run: ip is about to run in the gap */
static void list_point(unsigned long ip)
{
	unsigned occ = 0;

	for (unsigned i = 0; i < gap.n; i++)
		occ += gap.pt[i].ip == ip;
	if (gap.n < MAX_GAP_POINTS)
		gap.pt[gap.n++] = (typeof(gap.pt[0])){ ip, occ };
}

/* DR0: the path's entry (listing) or the sweep's target (sweeping) */
void gap_breakpoint(struct pt_regs *regs)
{
	regs->flags |= X86_EFLAGS_RF;
	if (gap.listing) {
		list_point(regs->ip);
		gap.stepping = true;
		regs->flags |= X86_EFLAGS_TF;
	} else if (gap.hits++ == gap.occ) {
		torture_fire(true);
		regs->flags |= X86_EFLAGS_TF;	/* the watchdog from here on */
	}
}

/* A single step while listing; false when the gap is over */
bool gap_step(struct pt_regs *regs)
{
	if (!gap.stepping)
		return false;
	if (gap_done(regs->ip)) {
		gap.stepping = false;
		regs->flags &= ~X86_EFLAGS_TF;
		return true;
	}
	list_point(regs->ip);
	regs->flags |= X86_EFLAGS_TF;
	return true;
}

/* Whether all n bytes at p are b */
static bool all_bytes(const u8 *p, u8 b, size_t n)
{
	while (n--)
		if (*p++ != b)
			return false;
	return true;
}

static void scenario_gap(void)
{
	const struct variant *v = find_variant(gap.path->variant);

	if (v)
		v->setup();
	tw_install_gates();	/* the path's setup may watch with its own #DB */
	memset(kernel_victim, VICTIM_BYTE, sizeof(kernel_victim));
	tw_window_arm(&tw_user, 0);
	tw_user.want[REG_AX] = __NR_getppid;
	tw_user.want_flags = USER_FLAGS;
	tw_user.rsp_before = gap.ist ? (unsigned long)NMI_STACK_TOP - 64 :
		(unsigned long)kernel_victim + sizeof(kernel_victim);
	asm volatile("mov %0, %%cr2" : : "r"((unsigned long)TW_CR2_CANARY));
	tw_write_dr(0, gap.listing ? (unsigned long)gap.path->entry : gap.target);
	tw_arm_dr0();
	arch_run_user(tw_user_syscall, NULL);
	tw_write_dr(7, 0);
}

/* The user window after its system call: what SYSRET may change, and only so */
static bool user_bad(struct outcome *o)
{
	struct tw_window w = tw_user;

	w.want[REG_AX] = GETPPID_ANSWER;
	w.want[REG_CX] = (unsigned long)tw_user_syscall_ret;
	w.want[REG_R11] = w.want_flags;
	w.rsp_before = tw_user.rsp_before;
	return tw_window_bad(o, "the user", &w, 0, false);
}

static struct outcome gap_outcome(int why)
{
	struct outcome o = { .kind = K_OK };

	if (why)
		tw_escaped(&o, why);
	else if (tw_user.resumes == 1 && user_bad(&o))
		;
	else if (tw_user.resumes != 1)
		tw_say(&o, K_NEVER, "the user never came back from its SYSCALL", NULL);
	else if (!gap.ist && !all_bytes(kernel_victim, VICTIM_BYTE, sizeof(kernel_victim)))
		tw_say(&o, K_MEM, "kernel memory below the user's RSP was written", NULL);
	else if (read_cr2() != TW_CR2_CANARY)
		tw_say(&o, K_CR2, "the user came back with another CR2", NULL);
	else if (rdmsr(MSR_GS_BASE) != (unsigned long)&percpu)
		tw_say(&o, K_GS, "the kernel came back with another GS base", NULL);
	else if (rdmsr(MSR_KERNEL_GS_BASE) != tw_user_gs)
		tw_say(&o, K_KGS, "the user came back with another GS base", NULL);
	else
		tw_counts(&o, true);
	return o;
}

static struct outcome gap_run(void)
{
	tw_reset();
	tw_user_gs = rdmsr(MSR_KERNEL_GS_BASE);	/* SWAPGS makes it the user's */
	return gap_outcome(tw_run(scenario_gap));
}

static void gap_sweep(struct finding *f, const struct gap_path *p, bool ist)
{
	int worst_at = -1;

	gap = (typeof(gap)){ .path = p, .ist = ist, .listing = true };
	*f = (struct finding){ .scenario = ist ? p->scenario_ist : p->scenario,
			       .sweep = true, .kind = K_OK, .syms = p->syms,
			       .nsyms = N_OF(p->syms) };
	gap_run();
	gap.listing = gap.stepping = false;
	f->points = gap.n;
	for (unsigned i = 0; i < gap.n; i++) {
		struct outcome o;

		gap.target = gap.pt[i].ip;
		gap.occ = gap.pt[i].occ;
		gap.hits = 0;
		o = gap_run();
		if (gap.hits <= gap.occ)
			continue;	/* the run went elsewhere: not covered */
		f->covered++;
		f->bad += o.kind != K_OK;
		finding_add_addr(f, gap.pt[i].ip, o.kind);
		if (torture_note(&o, f->scenario))
			worst_at = (int)i;
	}
	if (!gap.n)
		sweep_empty(f);
	if (worst_at >= 0) {
		char where[80];
		struct text t = { where, where + sizeof(where) - 1 };

		put_str(&t, "NMI at ");
		put_addr(&t, f, gap.pt[worst_at].ip);
		torture_locate(where, f, gap.pt[worst_at].ip);
	}
	gap.path = NULL;
}

/* Every path, with RSP at kernel memory and into the NMI stack */
unsigned gap_sweeps(struct finding *f, unsigned room)
{
	unsigned n = 0;

	for (unsigned i = 0; i < N_OF(paths) && n + 2 <= room; i++) {
		gap_sweep(&f[n++], &paths[i], false);
		gap_sweep(&f[n++], &paths[i], true);
	}
	return n;
}
