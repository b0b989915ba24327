#!/usr/bin/env python3
"""Fake Linux kernels for the linux tier's fault tests: a bzImage whose
payload is a gzip'd ELF without the PVH note (so entrybench falls back to
booting the bzImage through the firmware), and whose 16-bit setup code,
which QEMU's loader jumps to, prints a line on the serial port and then
either triple-faults, as a kernel that panics with panic=-1 resets
(`panic`), or halts for good (`hang`).

    linux_kernel.py panic|hang OUT [MESSAGE]
"""
import gzip
import struct
import sys

SETUP_SECTS = 1                      # setup = (1 + 1) * 512 bytes
SETUP = (SETUP_SECTS + 1) * 512


def elf_without_note():
    """A minimal little-endian ELF64 header with no program headers."""
    e = bytearray(64)
    e[0:4] = b"\x7fELF"
    e[4], e[5], e[6] = 2, 1, 1      # ELFCLASS64, little-endian, version
    struct.pack_into("<HHI", e, 16, 2, 62, 1)   # ET_EXEC, x86-64
    struct.pack_into("<HHH", e, 52, 64, 56, 0)  # e_ehsize, e_phentsize, no PT_NOTE
    return bytes(e) + bytes(192)


def setup_code(mode, message):
    """Real-mode code at 0x280 of the setup (DS = the setup's segment)."""
    code = bytearray(b"\xba\xf8\x03")           # mov dx, 0x3f8 (COM1)
    for ch in (message + "\r\n").encode():
        code += bytes([0xb0, ch, 0xee])         # mov al, ch; out dx, al
    if mode == "panic":
        code += b"\x0f\x01\x1e\xf0\x03"         # lidt [0x3f0]: a limit of 0
        code += b"\xcc"                         # int3: #GP, #DF, shutdown
    else:
        code += b"\xfa\xf4\xeb\xfd"             # cli; hlt; jmp back to hlt
    return bytes(code)


def bzimage(mode, message):
    img = bytearray(SETUP)
    img[0x1f1] = SETUP_SECTS
    struct.pack_into("<H", img, 0x1fe, 0xAA55)
    img[0x200:0x202] = b"\xeb\x7e"              # jmp short 0x280
    img[0x202:0x206] = b"HdrS"
    struct.pack_into("<H", img, 0x206, 0x020F)  # boot protocol 2.15
    img[0x211] = 0x01                           # LOADED_HIGH
    struct.pack_into("<I", img, 0x22C, 0x37FFFFFF)  # initrd_addr_max
    code = setup_code(mode, message)
    assert 0x280 + len(code) <= 0x3F0, "message too long"
    img[0x280:0x280 + len(code)] = code
    payload = gzip.compress(elf_without_note(), mtime=0)
    struct.pack_into("<II", img, 0x248, 0, len(payload))
    return bytes(img) + payload


if __name__ == "__main__":
    mode, out = sys.argv[1], sys.argv[2]
    message = sys.argv[3] if len(sys.argv) > 3 else {
        "panic": "Kernel panic - not syncing: fake kernel of the fault tests",
        "hang": "fake kernel of the fault tests: hanging"}[mode]
    with open(out, "wb") as f:
        f.write(bzimage(mode, message))
