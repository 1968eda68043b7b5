package org.openlsa.core;

/**
 * GENERIC_MAPPING (MS-DTYP 2.5.3.2, winnt.h): what each generic right means for one kind of object. An access check
 * maps the generic bits of the desired access through it before looking at the DACL.
 */
public record GenericMapping(int genericRead, int genericWrite, int genericExecute, int genericAll) {
    /** Files and directories: FILE_GENERIC_READ, FILE_GENERIC_WRITE, FILE_GENERIC_EXECUTE, FILE_ALL_ACCESS. */
    public static final GenericMapping FILE = new GenericMapping(0x00120089, 0x00120116, 0x001200A0, 0x001F01FF);
    /** Registry keys: KEY_READ, KEY_WRITE, KEY_EXECUTE (= KEY_READ), KEY_ALL_ACCESS. */
    public static final GenericMapping KEY = new GenericMapping(0x00020019, 0x00020006, 0x00020019, 0x000F003F);

    private static final int GENERIC_BITS = AccessMask.GENERIC_READ | AccessMask.GENERIC_WRITE
            | AccessMask.GENERIC_EXECUTE | AccessMask.GENERIC_ALL;

    /** MapGenericMask: each generic bit replaced by what it maps to; the other bits kept. */
    public int map(int mask) {
        int out = mask & ~GENERIC_BITS;
        if ((mask & AccessMask.GENERIC_READ) != 0) {
            out |= genericRead;
        }
        if ((mask & AccessMask.GENERIC_WRITE) != 0) {
            out |= genericWrite;
        }
        if ((mask & AccessMask.GENERIC_EXECUTE) != 0) {
            out |= genericExecute;
        }
        if ((mask & AccessMask.GENERIC_ALL) != 0) {
            out |= genericAll;
        }
        return out;
    }
}
