package org.openlsa.pac;

import java.util.List;

/**
 * PAC_ATTRIBUTES_INFO ([MS-PAC] 2.14, ulType 17): FlagsLength, a count of flag bits, then that many bits in
 * 32-bit words. Defined bits: {@link #PAC_WAS_REQUESTED} and {@link #PAC_WAS_GIVEN_IMPLICITLY}.
 *
 * @param flagsLength the number of flag bits (an unsigned 32-bit value)
 * @param flags ceil(flagsLength / 32) words
 */
public record PacAttributesInfo(int flagsLength, List<Integer> flags) implements PacBuffer {
    /** The client asked for the PAC (KERB-PA-PAC-REQUEST include-pac TRUE). */
    public static final int PAC_WAS_REQUESTED = 0x1;
    /** The client said nothing and got the PAC by default. */
    public static final int PAC_WAS_GIVEN_IMPLICITLY = 0x2;

    public PacAttributesInfo {
        flags = List.copyOf(flags);
        if (flags.size() != wordCount(flagsLength)) {
            throw new IllegalArgumentException(Integer.toUnsignedString(flagsLength) + " flag bits take "
                    + wordCount(flagsLength) + " words, not " + flags.size());
        }
    }

    /** The form Windows sends: FlagsLength 2 and one word. */
    public static PacAttributesInfo of(int flags) {
        return new PacAttributesInfo(2, List.of(flags));
    }

    static long wordCount(int flagsLength) {
        return (Integer.toUnsignedLong(flagsLength) + 31) / 32;
    }

    private int firstWord() {
        return flags.isEmpty() ? 0 : flags.getFirst();
    }

    public boolean pacWasRequested() {
        return (firstWord() & PAC_WAS_REQUESTED) != 0;
    }

    public boolean pacWasGivenImplicitly() {
        return (firstWord() & PAC_WAS_GIVEN_IMPLICITLY) != 0;
    }

    @Override
    public int type() {
        return ATTRIBUTES_INFO;
    }
}
