package org.openlsa.krb5.der;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.openlsa.krb5.KdcReqBody;
import org.openlsa.krb5.MessageType;
import org.openlsa.krb5.PaData;

/** The received octets of a field are found in place, and only in definite-length encodings. */
class ReceivedFieldTest {

    @Provide Arbitrary<KdcReqBody> reqBodies() { return KrbArbitraries.reqBodies(); }
    @Provide Arbitrary<List<PaData>> padataLists() { return KrbArbitraries.lists(KrbArbitraries.padata()); }

    @Property
    void findsTheReqBodyAsEncoded(@ForAll("padataLists") List<PaData> padata, @ForAll("reqBodies") KdcReqBody body)
            throws Exception {
        byte[] der = KrbCodec.encode(KrbCodec.tgsReq(padata, body));
        assertArrayEquals(KrbCodec.encode(body), ReceivedField.explicitField(der, MessageType.TGS_REQ, 4));
    }

    @Test
    void keepsANonMinimalLengthAsReceived() throws Exception {
        // [APPLICATION 12] { SEQUENCE { [4] { SEQUENCE (length in long form) {} } } }
        byte[] der = HexFormat.of().parseHex("6c07" + "3005" + "a403" + "308100");
        assertArrayEquals(HexFormat.of().parseHex("308100"), ReceivedField.explicitField(der, 12, 4));
    }

    @Test
    void refusesIndefiniteLengthsAndMissingFields() {
        byte[] ber = HexFormat.of().parseHex("6c80" + "3080" + "a4023000" + "0000" + "0000");
        assertThrows(IOException.class, () -> ReceivedField.explicitField(ber, 12, 4));
        byte[] noBody = HexFormat.of().parseHex("6c05" + "3003" + "a10100");
        assertThrows(IOException.class, () -> ReceivedField.explicitField(noBody, 12, 4));
    }
}
