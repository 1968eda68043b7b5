package org.openlsa.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Security Descriptor Definition Language (MS-DTYP 2.5.1) for what {@link SecurityDescriptor} models:
 * {@code O:owner G:group D:dacl_flags(ace)(ace)...}, ACE types {@code A} and {@code D}, the ACE flags OI CI NP IO
 * ID SA FA, rights as hex or the aliases of MS-DTYP 2.5.1.1, SIDs as {@code S-1-...} or their two-letter aliases.
 * Not supported (refused with the position): a SACL ({@code S:}), object and conditional ACE types, object GUIDs,
 * resource attributes, and the domain-relative aliases (DA, DU, LA...) that need a machine or domain SID.
 *
 * <p>{@link #print} writes what Windows' ConvertSecurityDescriptorToStringSecurityDescriptor writes for these
 * descriptors: SIDs by alias where one exists, rights by the alias of the whole mask (FA, KA...), else by the
 * aliases of its bits when each bit has one, else in hex. {@code parse(print(sd))} gives {@code sd} back whenever
 * the control carries only what SDDL says (SE_DACL_PRESENT, SE_DACL_PROTECTED, SE_DACL_AUTO_INHERITED,
 * SE_DACL_AUTO_INHERIT_REQ).
 */
public final class Sddl {
    private Sddl() {}

    private static final Map<String, Sid> SID_ALIASES = new LinkedHashMap<>();
    private static final Map<Sid, String> ALIAS_OF_SID = new LinkedHashMap<>();
    private static final Map<String, Integer> RIGHTS = new LinkedHashMap<>();
    /** Masks printed by one alias, in the order they are tried. */
    private static final Map<Integer, String> WHOLE_MASK_ALIASES = new LinkedHashMap<>();
    private static final String[] BIT_NAMES = new String[32];
    private static final String[] ACE_FLAG_NAMES = {"OI", "CI", "NP", "IO", "ID", "SA", "FA"};
    private static final int[] ACE_FLAG_BITS = {0x01, 0x02, 0x04, 0x08, 0x10, 0x40, 0x80};

    private static void sid(String alias, String sid) {
        Sid s = Sid.parse(sid);
        SID_ALIASES.put(alias, s);
        ALIAS_OF_SID.putIfAbsent(s, alias);
    }

    static {
        sid("AN", "S-1-5-7");
        sid("AO", "S-1-5-32-548");
        sid("AU", "S-1-5-11");
        sid("BA", "S-1-5-32-544");
        sid("BG", "S-1-5-32-546");
        sid("BO", "S-1-5-32-551");
        sid("BU", "S-1-5-32-545");
        sid("CG", "S-1-3-1");
        sid("CO", "S-1-3-0");
        sid("ED", "S-1-5-9");
        sid("IS", "S-1-5-32-568");
        sid("IU", "S-1-5-4");
        sid("LS", "S-1-5-19");
        sid("LU", "S-1-5-32-559");
        sid("MU", "S-1-5-32-558");
        sid("NO", "S-1-5-32-556");
        sid("NS", "S-1-5-20");
        sid("NU", "S-1-5-2");
        sid("OW", "S-1-3-4");
        sid("PO", "S-1-5-32-550");
        sid("PS", "S-1-5-10");
        sid("PU", "S-1-5-32-547");
        sid("RC", "S-1-5-12");
        sid("RD", "S-1-5-32-555");
        sid("RE", "S-1-5-32-552");
        sid("RU", "S-1-5-32-554");
        sid("SO", "S-1-5-32-549");
        sid("SU", "S-1-5-6");
        sid("SY", "S-1-5-18");
        sid("WD", "S-1-1-0");
        sid("WR", "S-1-5-33");
        sid("AC", "S-1-15-2-1");

        RIGHTS.put("GA", AccessMask.GENERIC_ALL);
        RIGHTS.put("GR", AccessMask.GENERIC_READ);
        RIGHTS.put("GW", AccessMask.GENERIC_WRITE);
        RIGHTS.put("GX", AccessMask.GENERIC_EXECUTE);
        RIGHTS.put("RC", AccessMask.READ_CONTROL);
        RIGHTS.put("SD", AccessMask.DELETE);
        RIGHTS.put("WD", AccessMask.WRITE_DAC);
        RIGHTS.put("WO", AccessMask.WRITE_OWNER);
        RIGHTS.put("CC", 0x0001);
        RIGHTS.put("DC", 0x0002);
        RIGHTS.put("LC", 0x0004);
        RIGHTS.put("SW", 0x0008);
        RIGHTS.put("RP", 0x0010);
        RIGHTS.put("WP", 0x0020);
        RIGHTS.put("DT", 0x0040);
        RIGHTS.put("LO", 0x0080);
        RIGHTS.put("CR", 0x0100);
        RIGHTS.put("FA", GenericMapping.FILE.genericAll());
        RIGHTS.put("FR", GenericMapping.FILE.genericRead());
        RIGHTS.put("FW", GenericMapping.FILE.genericWrite());
        RIGHTS.put("FX", GenericMapping.FILE.genericExecute());
        RIGHTS.put("KA", GenericMapping.KEY.genericAll());
        RIGHTS.put("KR", GenericMapping.KEY.genericRead());
        RIGHTS.put("KW", GenericMapping.KEY.genericWrite());
        RIGHTS.put("KX", GenericMapping.KEY.genericExecute());
        RIGHTS.forEach((name, bits) -> {
            if (Integer.bitCount(bits) == 1) {
                BIT_NAMES[Integer.numberOfTrailingZeros(bits)] = name;
            }
        });
        for (String a : List.of("FA", "FR", "FW", "FX", "KA", "KR", "KW")) {
            WHOLE_MASK_ALIASES.putIfAbsent(RIGHTS.get(a), a);
        }
    }

    /** The SID an alias stands for, if it is one this parser knows. */
    public static java.util.Optional<Sid> sidAlias(String alias) {
        return java.util.Optional.ofNullable(SID_ALIASES.get(alias.toUpperCase(Locale.ROOT)));
    }

    // ---------------------------------------------------------------- printing

    public static String print(SecurityDescriptor sd) {
        StringBuilder b = new StringBuilder();
        if (sd.owner() != null) {
            b.append("O:").append(printSid(sd.owner()));
        }
        if (sd.group() != null) {
            b.append("G:").append(printSid(sd.group()));
        }
        if (sd.daclPresent()) {
            b.append("D:");
            int c = sd.control();
            if ((c & SecurityDescriptor.SE_DACL_PROTECTED) != 0) {
                b.append('P');
            }
            if ((c & SecurityDescriptor.SE_DACL_AUTO_INHERIT_REQ) != 0) {
                b.append("AR");
            }
            if ((c & SecurityDescriptor.SE_DACL_AUTO_INHERITED) != 0) {
                b.append("AI");
            }
            if (sd.dacl() == null) {
                b.append("NO_ACCESS_CONTROL");
            } else {
                sd.dacl().aces().forEach(a -> b.append(printAce(a)));
            }
        }
        return b.toString();
    }

    public static String printAce(Ace ace) {
        StringBuilder b = new StringBuilder("(").append(ace.type().sddl()).append(';');
        int flags = ace.flags();
        int named = 0;
        for (int bit : ACE_FLAG_BITS) {
            named |= bit;
        }
        if ((flags & ~named) != 0) {
            // A bit SDDL has no name for (0x20): the whole byte in hex, which parse accepts.
            b.append(String.format(Locale.ROOT, "0x%x", flags));
        } else {
            for (int i = 0; i < ACE_FLAG_BITS.length; i++) {
                if ((flags & ACE_FLAG_BITS[i]) != 0) {
                    b.append(ACE_FLAG_NAMES[i]);
                }
            }
        }
        return b.append(';').append(printRights(ace.accessMask())).append(";;;").append(printSid(ace.sid()))
                .append(')').toString();
    }

    public static String printSid(Sid sid) {
        String alias = ALIAS_OF_SID.get(sid);
        return alias != null ? alias : sid.toString();
    }

    public static String printRights(int mask) {
        String whole = WHOLE_MASK_ALIASES.get(mask);
        if (whole != null) {
            return whole;
        }
        // Bit by bit from the lowest, as Windows writes them (GENERIC_READ | GENERIC_EXECUTE is "GXGR").
        StringBuilder b = new StringBuilder();
        for (int bit = 0; bit < 32; bit++) {
            if ((mask & 1 << bit) != 0) {
                String name = BIT_NAMES[bit];
                if (name == null) {
                    return String.format(Locale.ROOT, "0x%x", mask);
                }
                b.append(name);
            }
        }
        int rest = 0;
        return rest == 0 && mask != 0 ? b.toString() : String.format(Locale.ROOT, "0x%x", mask);
    }

    // ----------------------------------------------------------------- parsing

    /**
     * Parses SDDL. Components may come in any order but each at most once; white space between tokens is not
     * allowed (Windows allows none either).
     *
     * @throws IllegalArgumentException with the 0-based position of the first error
     */
    public static SecurityDescriptor parse(String sddl) {
        return new Parser(sddl).descriptor();
    }

    private static final class Parser {
        private final String s;
        private int p;

        Parser(String s) {
            this.s = s;
        }

        private IllegalArgumentException error(int at, String what) {
            return new IllegalArgumentException("SDDL position " + at + ": " + what);
        }

        private boolean startsWith(String token) {
            return s.regionMatches(true, p, token, 0, token.length());
        }

        SecurityDescriptor descriptor() {
            Sid owner = null;
            Sid group = null;
            Acl dacl = null;
            int control = 0;
            boolean seenO = false;
            boolean seenG = false;
            boolean seenD = false;
            while (p < s.length()) {
                int at = p;
                if (p + 1 >= s.length() || s.charAt(p + 1) != ':') {
                    throw error(at, "expected O:, G:, D: or S:");
                }
                char c = Character.toUpperCase(s.charAt(p));
                p += 2;
                switch (c) {
                    case 'O' -> {
                        if (seenO) {
                            throw error(at, "O: given twice");
                        }
                        seenO = true;
                        owner = sid(true);
                    }
                    case 'G' -> {
                        if (seenG) {
                            throw error(at, "G: given twice");
                        }
                        seenG = true;
                        group = sid(true);
                    }
                    case 'D' -> {
                        if (seenD) {
                            throw error(at, "D: given twice");
                        }
                        seenD = true;
                        control |= SecurityDescriptor.SE_DACL_PRESENT | daclFlags();
                        if (startsWith("NO_ACCESS_CONTROL")) {
                            p += "NO_ACCESS_CONTROL".length();
                        } else {
                            dacl = aces();
                        }
                    }
                    case 'S' -> throw error(at, "SACLs (S:) are not supported");
                    default -> throw error(at, "expected O:, G:, D: or S:");
                }
            }
            return new SecurityDescriptor(control, owner, group, dacl);
        }

        private int daclFlags() {
            int flags = 0;
            while (true) {
                if (startsWith("NO_ACCESS_CONTROL")) {
                    return flags;
                }
                if (startsWith("P")) {
                    flags |= SecurityDescriptor.SE_DACL_PROTECTED;
                    p += 1;
                } else if (startsWith("AI")) {
                    flags |= SecurityDescriptor.SE_DACL_AUTO_INHERITED;
                    p += 2;
                } else if (startsWith("AR")) {
                    flags |= SecurityDescriptor.SE_DACL_AUTO_INHERIT_REQ;
                    p += 2;
                } else {
                    return flags;
                }
            }
        }

        private Acl aces() {
            List<Ace> aces = new ArrayList<>();
            while (p < s.length() && s.charAt(p) == '(') {
                aces.add(ace());
            }
            try {
                return new Acl(aces);
            } catch (IllegalArgumentException e) {
                throw error(p, e.getMessage());
            }
        }

        private Ace ace() {
            int start = p;
            p++;
            int typeAt = p;
            String type = field();
            AceType aceType = switch (type.toUpperCase(Locale.ROOT)) {
                case "A" -> AceType.ACCESS_ALLOWED;
                case "D" -> AceType.ACCESS_DENIED;
                default -> throw error(typeAt, "unsupported ACE type '" + type + "' (A or D)");
            };
            expect(';');
            int flags = aceFlags();
            expect(';');
            int mask = rights();
            expect(';');
            if (!field().isEmpty()) {
                throw error(p, "object GUIDs are not supported");
            }
            expect(';');
            if (!field().isEmpty()) {
                throw error(p, "inherited object GUIDs are not supported");
            }
            expect(';');
            Sid sid = sid(false);
            if (p < s.length() && s.charAt(p) == ';') {
                throw error(p, "resource attributes are not supported");
            }
            if (p >= s.length() || s.charAt(p) != ')') {
                throw error(p, "expected ')' to close the ACE opened at " + start);
            }
            p++;
            return new Ace(aceType, flags, mask, sid);
        }

        private void expect(char c) {
            if (p >= s.length() || s.charAt(p) != c) {
                throw error(p, "expected '" + c + "'");
            }
            p++;
        }

        /** Characters up to the next ';' or ')'. */
        private String field() {
            int start = p;
            while (p < s.length() && s.charAt(p) != ';' && s.charAt(p) != ')') {
                p++;
            }
            return s.substring(start, p);
        }

        private int aceFlags() {
            int at = p;
            String f = field();
            if (f.regionMatches(true, 0, "0x", 0, 2)) {
                long v = hex(f, at, 0xFF);
                return (int) v;
            }
            int flags = 0;
            for (int i = 0; i < f.length(); i += 2) {
                if (i + 2 > f.length()) {
                    throw error(at + i, "incomplete ACE flag");
                }
                String name = f.substring(i, i + 2).toUpperCase(Locale.ROOT);
                int bit = 0;
                for (int k = 0; k < ACE_FLAG_NAMES.length; k++) {
                    if (ACE_FLAG_NAMES[k].equals(name)) {
                        bit = ACE_FLAG_BITS[k];
                    }
                }
                if (bit == 0) {
                    throw error(at + i, "unknown ACE flag '" + name + "'");
                }
                flags |= bit;
            }
            return flags;
        }

        private int rights() {
            int at = p;
            String r = field();
            if (r.regionMatches(true, 0, "0x", 0, 2)) {
                return (int) hex(r, at, 0xFFFFFFFFL);
            }
            if (r.isEmpty()) {
                throw error(at, "empty rights");
            }
            if (!r.isEmpty() && r.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                // MS-DTYP allows a decimal or octal integer too; only decimal is taken here.
                if (r.length() > 10 || Long.parseLong(r) > 0xFFFFFFFFL) {
                    throw error(at, "rights " + r + " exceed 32 bits");
                }
                return (int) Long.parseLong(r);
            }
            int mask = 0;
            for (int i = 0; i < r.length(); i += 2) {
                if (i + 2 > r.length()) {
                    throw error(at + i, "incomplete right");
                }
                Integer bits = RIGHTS.get(r.substring(i, i + 2).toUpperCase(Locale.ROOT));
                if (bits == null) {
                    throw error(at + i, "unknown right '" + r.substring(i, i + 2) + "'");
                }
                mask |= bits;
            }
            return mask;
        }

        private long hex(String text, int at, long max) {
            String digits = text.substring(2);
            if (digits.isEmpty() || digits.length() > 8
                    || !digits.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                throw error(at, "bad hex number '" + text + "'");
            }
            long v = Long.parseLong(digits, 16);
            if (v > max) {
                throw error(at, text + " exceeds 0x" + Long.toHexString(max));
            }
            return v;
        }

        /**
         * A SID: {@code S-1-...} or a two-letter alias. In O: and G: it ends where the next component starts, so
         * its text is taken as far as a SID can reach (digits, '-', and the hex of a 0x authority).
         */
        private Sid sid(boolean component) {
            int at = p;
            if (startsWith("S-")) {
                int q = p + 2;
                while (q < s.length()) {
                    char ch = s.charAt(q);
                    if ((ch >= '0' && ch <= '9') || ch == '-') {
                        q++;
                    } else if ((ch == 'x' || ch == 'X') && s.charAt(q - 1) == '0' && s.charAt(q - 2) == '-') {
                        q++;
                        int end = Math.min(s.length(), q + 12);
                        while (q < end && Character.digit(s.charAt(q), 16) >= 0) {
                            q++;
                        }
                    } else {
                        break;
                    }
                }
                String text = s.substring(p, q);
                if (!component && q < s.length() && s.charAt(q) != ')' && s.charAt(q) != ';') {
                    throw error(q, "unexpected '" + s.charAt(q) + "' in SID");
                }
                try {
                    Sid sid = Sid.parse(text);
                    p = q;
                    return sid;
                } catch (IllegalArgumentException e) {
                    throw error(at, e.getMessage());
                }
            }
            if (p + 2 > s.length()) {
                throw error(at, "expected a SID or a two-letter SID alias");
            }
            String alias = s.substring(p, p + 2);
            Sid sid = SID_ALIASES.get(alias.toUpperCase(Locale.ROOT));
            if (sid == null) {
                throw error(at, "unknown SID alias '" + alias + "'");
            }
            p += 2;
            return sid;
        }
    }
}
