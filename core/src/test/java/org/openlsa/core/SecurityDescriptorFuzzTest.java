package org.openlsa.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the security descriptor's two parsers (Jazzer). A plain {@code mvn test} replays the
 * seeds under {@code src/test/resources/org/openlsa/core/SecurityDescriptorFuzzTestInputs/<method>/}; to fuzz:
 * {@code bin/fuzz SecurityDescriptorFuzzTest}.
 *
 * <p>Properties: any input raises only IllegalArgumentException; what is accepted encodes (binary) or prints (SDDL)
 * to a form that parses back to the same descriptor.
 */
class SecurityDescriptorFuzzTest {
    @FuzzTest
    void fuzzBinary(byte[] data) {
        SecurityDescriptor sd;
        try {
            sd = SecurityDescriptor.fromBytes(data);
        } catch (IllegalArgumentException e) {
            return;
        }
        assertEquals(sd, SecurityDescriptor.fromBytes(sd.toBytes()));
    }

    @FuzzTest
    void fuzzSddl(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        SecurityDescriptor sd;
        try {
            sd = Sddl.parse(text);
        } catch (IllegalArgumentException e) {
            return;
        }
        assertEquals(sd, Sddl.parse(Sddl.print(sd)), text);
    }
}
