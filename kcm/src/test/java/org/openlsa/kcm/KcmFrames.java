package org.openlsa.kcm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.krb5.files.CcacheMarshalling;
import org.openlsa.krb5.files.Credential;
import org.openlsa.krb5.files.KeyBlock;
import org.openlsa.krb5.files.Principal;
import org.openlsa.krb5.files.internal.BigEndianReader;
import org.openlsa.krb5.files.internal.BigEndianWriter;

/** Builds KCM request frames as MIT's cc_kcm.c does, and reads replies: the client side, for the tests. */
final class KcmFrames {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private KcmFrames(int opcode) {
        out.write(2);
        out.write(0);
        out.write(opcode >>> 8);
        out.write(opcode);
    }

    static KcmFrames op(KcmOpcode op) {
        return new KcmFrames(op.code());
    }

    static KcmFrames op(int code) {
        return new KcmFrames(code);
    }

    KcmFrames name(String name) {
        out.writeBytes(name.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        return this;
    }

    KcmFrames u32(int v) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
        return this;
    }

    KcmFrames bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    KcmFrames principal(Principal p) {
        BigEndianWriter w = new BigEndianWriter();
        CcacheMarshalling.writePrincipal(w, p);
        return bytes(w.toBytes());
    }

    KcmFrames credential(Credential c) {
        return bytes(encode(c));
    }

    KcmFrames uuid(UUID u) {
        out.writeBytes(ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array());
        return this;
    }

    /** A matching credential with client and server (MIT's k5_marshal_mcred of a typical retrieve). */
    KcmFrames tag(int flags, Principal client, Principal server) {
        u32(flags).u32(CredentialTag.SC_CLIENT_PRINCIPAL | CredentialTag.SC_SERVER_PRINCIPAL);
        principal(client).principal(server);
        u32(0).u32(0).u32(0).u32(0);
        out.write(0);
        return u32(0);
    }

    byte[] frame() {
        return out.toByteArray();
    }

    static byte[] encode(Credential c) {
        BigEndianWriter w = new BigEndianWriter();
        CcacheMarshalling.writeCredential(w, c);
        return w.toBytes();
    }

    static Credential ticket(Principal client, Principal server, byte fill) {
        return new Credential(client, server, new KeyBlock(18, SecretBytes.copyOf(new byte[32])),
                Instant.ofEpochSecond(1_800_000_000L), Instant.ofEpochSecond(1_800_000_000L),
                Instant.ofEpochSecond(1_800_036_000L), Instant.EPOCH, false, Credential.INITIAL, List.of(), List.of(),
                new byte[] {0x61, 3, 2, 1, fill}, new byte[0]);
    }

    // ---- replies ----

    static String name(byte[] payload) {
        if (payload.length == 0 || payload[payload.length - 1] != 0) {
            throw new AssertionError("not a NUL-terminated name");
        }
        return new String(payload, 0, payload.length - 1, StandardCharsets.UTF_8);
    }

    static Principal principal(byte[] payload) throws Exception {
        return CcacheMarshalling.readPrincipal(BigEndianReader.over(payload), "principal");
    }

    static List<UUID> uuids(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload);
        List<UUID> out = new ArrayList<>();
        while (b.remaining() >= 16) {
            out.add(new UUID(b.getLong(), b.getLong()));
        }
        if (b.hasRemaining()) {
            throw new AssertionError("UUID list of " + payload.length + " bytes");
        }
        return out;
    }

    static List<Credential> credentialList(byte[] payload) throws Exception {
        BigEndianReader r = BigEndianReader.over(payload);
        int n = r.i32("count");
        List<Credential> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(CcacheMarshalling.decodeCredential(r.bytes(r.u32("len"), "cred")));
        }
        if (r.remaining() != 0) {
            throw new AssertionError("bytes after the credential list");
        }
        return out;
    }

    /** Splits an encoded reply into status and payload. */
    record Reply(KcmStatus status, byte[] payload) {
        static Reply of(KcmReply r) {
            byte[] b = r.encode();
            int code = ByteBuffer.wrap(b).getInt();
            byte[] p = new byte[b.length - 4];
            System.arraycopy(b, 4, p, 0, p.length);
            return new Reply(new KcmStatus(code), p);
        }
    }
}
