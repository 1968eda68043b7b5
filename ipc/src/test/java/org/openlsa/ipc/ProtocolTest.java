package org.openlsa.ipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openlsa.ipc.CodecAssertions.assertInvalid;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.ipc.Protocol.ClientHello;
import org.openlsa.ipc.Protocol.Opcode;
import org.openlsa.ipc.Protocol.ServerHello;

class ProtocolTest {
    @Test
    void clientHelloLayout() throws LsaException {
        byte[] b = ClientHello.current().encode();
        assertEquals("4f4c534101000400", HexFormat.of().formatHex(b));
        assertEquals(new ClientHello(1, 4), ClientHello.decode(b));
        assertEquals(new ClientHello(0xFFFF, 7), ClientHello.decode(new ClientHello(0xFFFF, 7).encode()));
    }

    @Test
    void serverHelloLayout() throws LsaException {
        ServerHello h = new ServerHello(1, 0, NtStatus.SUCCESS, Protocol.DEFAULT_MAX_FRAME_BYTES);
        byte[] b = h.encode();
        assertEquals("4f4c5341" + "0100" + "0000" + "00000000" + "00001000", HexFormat.of().formatHex(b));
        assertEquals(h, ServerHello.decode(b));
        ServerHello refused = new ServerHello(1, 0, NtStatus.NOT_SUPPORTED, -1);
        assertEquals(refused, ServerHello.decode(refused.encode()));
        assertEquals(0xFFFFFFFFL, refused.maxFrameBytesUnsigned());
    }

    @Test
    void hellosWithoutMagicOrWithWrongLengthAreInvalid() {
        byte[] c = ClientHello.current().encode();
        byte[] badMagic = c.clone();
        badMagic[3] = 'B';
        assertInvalid(() -> ClientHello.decode(badMagic));
        assertInvalid(() -> ClientHello.decode(Arrays.copyOf(c, 7)));
        assertInvalid(() -> ClientHello.decode(Arrays.copyOf(c, 9)));
        byte[] s = new ServerHello(1, 0, NtStatus.SUCCESS, 4096).encode();
        assertInvalid(() -> ServerHello.decode(c));
        assertInvalid(() -> ServerHello.decode(Arrays.copyOf(s, 15)));
        byte[] sBad = s.clone();
        sBad[0] = 0;
        assertInvalid(() -> ServerHello.decode(sBad));
    }

    @Test
    void opcodesHaveTheValuesOfTheSpec() {
        assertEquals(24, Opcode.values().length);
        for (int v = 1; v <= 24; v++) {
            assertEquals(v, Opcode.fromValue(v).orElseThrow().value());
        }
        assertEquals(1, Opcode.REGISTER_LOGON_PROCESS.value());
        assertEquals(6, Opcode.CALL_AUTHENTICATION_PACKAGE.value());
        assertEquals(12, Opcode.DUPLICATE_TOKEN.value());
        assertEquals(19, Opcode.CREATE_PROCESS_AS_USER.value());
        assertEquals(20, Opcode.CREATE_PROCESS_WITH_LOGON.value());
        assertEquals(21, Opcode.WAIT_PROCESS.value());
        assertEquals(22, Opcode.SIGNAL_PROCESS.value());
        assertEquals(23, Opcode.CLOSE_PROCESS.value());
        assertEquals(24, Opcode.QUERY_USER_TOKEN.value());
        assertEquals(14, Opcode.WHOAMI.value());
        assertEquals(15, Opcode.LOOKUP_SIDS.value());
        assertEquals(16, Opcode.LOOKUP_NAMES.value());
        assertEquals(0x8004, Opcode.LOGON_USER.responseValue());
        assertEquals(true, Opcode.fromValue(0).isEmpty());
        assertEquals(17, Opcode.ENUMERATE_LOGON_SESSIONS_PAGED.value());
        assertEquals(18, Opcode.MAP_IDS.value());
        assertEquals(true, Opcode.fromValue(25).isEmpty());
        assertEquals(true, Opcode.fromValue(0x8001).isEmpty());
        assertArrayEquals(new byte[] {'O', 'L', 'S', 'A'}, Arrays.copyOf(ClientHello.current().encode(), 4));
    }
}
