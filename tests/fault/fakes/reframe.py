"""Rewrite a real guest's protocol output as a forger would, then frame it
again so that the protocol layer accepts it: every seq number renumbered,
the end record's count and CRC-32 recomputed.  Only the host's plausibility
checks can tell.

usage: reframe.py VARIANT low|huge   (stdin: the guest's output)
  low:  VARIANT's batch ticks lowered below their overhead
  huge: VARIANT's batch ticks raised to 2^57
"""
import re
import sys
import zlib

variant, how = sys.argv[1], sys.argv[2]
records = []
for line in sys.stdin.read().splitlines():
    magic, _seq, body = line.split(" ", 2)
    if body.startswith("end "):
        end = body
        break
    if body.startswith("batch ") and f" name={variant} " in body:
        overhead = int(re.search(r" overhead=(\d+)", body).group(1))
        ticks = overhead // 2 if how == "low" else 2**57
        body = re.sub(r" ticks=\d+", f" ticks={ticks}", body)
    records.append(body)
else:
    sys.exit("reframe.py: no end record in the guest's output")

out = "".join(f"EB1 {i} {body}\n" for i, body in enumerate(records))
status = re.search(r" (status=.*)$", end).group(1)
crc = zlib.crc32(out.encode())
sys.stdout.write(out + f"EB1 {len(records)} end records={len(records)} crc32={crc:08x} {status}\n")
