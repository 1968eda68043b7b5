package org.openlsa.core;

/** ACCESS_MASK bits (winnt.h): generic and standard rights, and the token-specific rights. */
public final class AccessMask {
    private AccessMask() {}

    public static final int DELETE = 0x00010000;
    public static final int READ_CONTROL = 0x00020000;
    public static final int WRITE_DAC = 0x00040000;
    public static final int WRITE_OWNER = 0x00080000;
    public static final int SYNCHRONIZE = 0x00100000;
    public static final int STANDARD_RIGHTS_REQUIRED = 0x000F0000;
    public static final int GENERIC_ALL = 0x10000000;
    public static final int GENERIC_EXECUTE = 0x20000000;
    public static final int GENERIC_WRITE = 0x40000000;
    public static final int GENERIC_READ = 0x80000000;
    public static final int MAXIMUM_ALLOWED = 0x02000000;
    /** The right to read or change an object's SACL; needs SeSecurityPrivilege (MS-DTYP 2.4.3). */
    public static final int ACCESS_SYSTEM_SECURITY = 0x01000000;

    public static final int TOKEN_ASSIGN_PRIMARY = 0x0001;
    public static final int TOKEN_DUPLICATE = 0x0002;
    public static final int TOKEN_IMPERSONATE = 0x0004;
    public static final int TOKEN_QUERY = 0x0008;
    public static final int TOKEN_QUERY_SOURCE = 0x0010;
    public static final int TOKEN_ADJUST_PRIVILEGES = 0x0020;
    public static final int TOKEN_ADJUST_GROUPS = 0x0040;
    public static final int TOKEN_ADJUST_DEFAULT = 0x0080;
    public static final int TOKEN_ADJUST_SESSIONID = 0x0100;
    public static final int TOKEN_ALL_ACCESS = STANDARD_RIGHTS_REQUIRED | 0x01FF;
    public static final int TOKEN_READ = READ_CONTROL | TOKEN_QUERY;
}
