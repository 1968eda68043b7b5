package org.openlsa.crypto.kerberos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class NFoldTest {

    @ParameterizedTest(name = "{1}-fold(\"{0}\") = {2}")
    @CsvFileSource(resources = "/org/openlsa/crypto/kerberos/rfc3961-nfold-vectors.csv")
    void rfc3961AppendixA1(String input, int bits, String expected) {
        assertEquals(expected, Hex.hex(NFold.nfold(input.getBytes(StandardCharsets.US_ASCII), bits / 8)));
    }

    @Test
    void foldingToTheInputLengthIsTheIdentity() {
        byte[] in = Hex.bytes("00ff7f8001fe");
        assertEquals("00ff7f8001fe", Hex.hex(NFold.nfold(in, in.length)));
    }

    @Test
    void refusesEmptyInputAndNonPositiveLength() {
        assertThrows(IllegalArgumentException.class, () -> NFold.nfold(new byte[0], 16));
        assertThrows(IllegalArgumentException.class, () -> NFold.nfold(new byte[] {1}, 0));
    }
}
