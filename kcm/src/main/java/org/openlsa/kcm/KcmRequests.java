package org.openlsa.kcm;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openlsa.krb5.files.AuthData;
import org.openlsa.krb5.files.CcacheMarshalling;
import org.openlsa.krb5.files.Credential;
import org.openlsa.krb5.files.Krb5FileFormatException;
import org.openlsa.krb5.files.Principal;
import org.openlsa.krb5.files.internal.BigEndianReader;

/**
 * Decodes a KCM request, the bytes of one frame after its length (MIT kcm.h):
 *
 * <pre>
 * request ::= uint8 major (2); uint8 minor; uint16 opcode; arguments
 * name    ::= UTF-8 bytes; 0x00        uuid ::= 16 bytes        flags, offset, count, len ::= uint32
 * </pre>
 *
 * Principals and credentials are in the v4 ccache marshalling ({@link CcacheMarshalling}). Every length is checked
 * against the frame, trailing bytes are refused, and nothing but {@link KcmException} escapes: a malformed request is
 * {@link KcmStatus#CC_FORMAT}, a bad name {@link KcmStatus#CC_BADNAME}, another major version or a name without its
 * NUL {@link KcmStatus#CC_IO}.
 */
public final class KcmRequests {
    private KcmRequests() {}

    public static final int VERSION_MAJOR = 2;
    /** The longest cache name taken, in bytes (SSSD's names are well under it; a name is an identifier, not data). */
    public static final int MAX_NAME_BYTES = 255;

    public static KcmRequest decode(byte[] frame) throws KcmException {
        BigEndianReader r = BigEndianReader.over(frame);
        try {
            int major = r.u8("major version");
            r.u8("minor version");
            if (major != VERSION_MAJOR) {
                throw new KcmException(KcmStatus.CC_IO, "KCM protocol version " + major + ", not 2");
            }
            int code = r.u16("opcode");
            Optional<KcmOpcode> op = KcmOpcode.of(code);
            if (op.isEmpty()) {
                return new KcmRequest.Unknown(code);
            }
            if (!op.get().served()) {
                return new KcmRequest.Unserved(op.get());
            }
            KcmRequest request = arguments(op.get(), r);
            if (r.remaining() != 0) {
                KcmRequest.destroyKeys(request);
                throw new KcmException(KcmStatus.CC_FORMAT, r.remaining() + " bytes follow the arguments of " + op.get());
            }
            return request;
        } catch (Krb5FileFormatException | IllegalArgumentException e) {
            throw new KcmException(KcmStatus.CC_FORMAT, "malformed request: " + e.getMessage(), e);
        }
    }

    private static KcmRequest arguments(KcmOpcode op, BigEndianReader r) throws KcmException, Krb5FileFormatException {
        return switch (op) {
            case NOOP -> new KcmRequest.Noop();
            case GEN_NEW -> new KcmRequest.GenNew();
            case INITIALIZE -> new KcmRequest.Initialize(name(r), CcacheMarshalling.readPrincipal(r, "principal"));
            case DESTROY -> new KcmRequest.Destroy(name(r));
            case STORE -> {
                String name = name(r);
                yield new KcmRequest.Store(name, CcacheMarshalling.readCredential(r));
            }
            case RETRIEVE -> {
                String name = name(r);
                yield new KcmRequest.Retrieve(name, tag(r));
            }
            case GET_PRINCIPAL -> new KcmRequest.GetPrincipal(name(r));
            case GET_CRED_UUID_LIST -> new KcmRequest.GetCredUuidList(name(r));
            case GET_CRED_BY_UUID -> {
                String name = name(r);
                yield new KcmRequest.GetCredByUuid(name, uuid(r));
            }
            case REMOVE_CRED -> {
                String name = name(r);
                yield new KcmRequest.RemoveCred(name, tag(r));
            }
            case GET_CACHE_UUID_LIST -> new KcmRequest.GetCacheUuidList();
            case GET_CACHE_BY_UUID -> new KcmRequest.GetCacheByUuid(uuid(r));
            case GET_DEFAULT_CACHE -> new KcmRequest.GetDefaultCache();
            case SET_DEFAULT_CACHE -> new KcmRequest.SetDefaultCache(name(r));
            case GET_KDC_OFFSET -> new KcmRequest.GetKdcOffset(name(r));
            case SET_KDC_OFFSET -> {
                String name = name(r);
                yield new KcmRequest.SetKdcOffset(name, r.i32("offset"));
            }
            case GET_CRED_LIST -> new KcmRequest.GetCredList(name(r));
            case REPLACE -> replace(r);
            default -> throw new IllegalStateException(op + " is not served");
        };
    }

    private static KcmRequest.Replace replace(BigEndianReader r) throws KcmException, Krb5FileFormatException {
        String name = name(r);
        int offset = r.i32("offset");
        Principal principal = CcacheMarshalling.readPrincipal(r, "principal");
        // A credential takes far more than 4 + 40 bytes; the count is refused when the frame cannot hold it.
        int count = r.count(r.u32("credential count"), 44, "credential count");
        List<Credential> creds = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                BigEndianReader one = r.slice(r.u32("credential length"), "credential " + i);
                Credential c = CcacheMarshalling.readCredential(one);
                creds.add(c);
                if (one.remaining() != 0) {
                    throw new Krb5FileFormatException(one.remaining() + " bytes follow credential " + i);
                }
            }
            return new KcmRequest.Replace(name, offset, principal, creds);
        } catch (Krb5FileFormatException | RuntimeException e) {
            creds.forEach(c -> c.key().key().destroy());
            throw e;
        }
    }

    /** A NUL-terminated name: UTF-8, 1 to {@value #MAX_NAME_BYTES} bytes, no control characters. */
    static String name(BigEndianReader r) throws KcmException, Krb5FileFormatException {
        byte[] bytes = new byte[MAX_NAME_BYTES + 1];
        int n = 0;
        while (true) {
            if (r.remaining() == 0) { // broken framing rather than a bad name: sssd-kcm's KRB5_CC_IO
                throw new KcmException(KcmStatus.CC_IO, "cache name without its terminating NUL");
            }
            int b = r.u8("cache name");
            if (b == 0) {
                break;
            }
            if (n == MAX_NAME_BYTES) {
                throw new KcmException(KcmStatus.CC_BADNAME, "cache name longer than " + MAX_NAME_BYTES + " bytes");
            }
            bytes[n++] = (byte) b;
        }
        if (n == 0) {
            throw new KcmException(KcmStatus.CC_BADNAME, "empty cache name");
        }
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new KcmException(KcmStatus.CC_BADNAME, "cache name is not UTF-8");
        }
        if (s.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw new KcmException(KcmStatus.CC_BADNAME, "cache name with a control character");
        }
        return s;
    }

    static UUID uuid(BigEndianReader r) throws Krb5FileFormatException {
        long hi = ((long) r.i32("uuid") << 32) | Integer.toUnsignedLong(r.i32("uuid"));
        long lo = ((long) r.i32("uuid") << 32) | Integer.toUnsignedLong(r.i32("uuid"));
        return new UUID(hi, lo);
    }

    private static CredentialTag tag(BigEndianReader r) throws Krb5FileFormatException {
        int flags = r.i32("match flags");
        int header = r.i32("mcred header");
        Optional<Principal> client = (header & CredentialTag.SC_CLIENT_PRINCIPAL) != 0
                ? Optional.of(CcacheMarshalling.readPrincipal(r, "mcred client")) : Optional.empty();
        Optional<Principal> server = (header & CredentialTag.SC_SERVER_PRINCIPAL) != 0
                ? Optional.of(CcacheMarshalling.readPrincipal(r, "mcred server")) : Optional.empty();
        int keyType = 0;
        if ((header & CredentialTag.SC_SESSION_KEY) != 0) {
            keyType = r.u16("mcred enctype");
            r.skip(r.u32("mcred key length"), "mcred key"); // never compared, so never held
        }
        Instant authTime = r.time("mcred authtime");
        Instant startTime = r.time("mcred starttime");
        Instant endTime = r.time("mcred endtime");
        Instant renewTill = r.time("mcred renew_till");
        boolean isSkey = r.u8("mcred is_skey") != 0;
        int ticketFlags = r.i32("mcred ticket_flags");
        if ((header & CredentialTag.SC_ADDRESSES) != 0) {
            int n = r.count(r.u32("mcred address count"), 6, "mcred address count");
            for (int i = 0; i < n; i++) {
                r.u16("mcred addrtype");
                r.skip(r.u32("mcred address length"), "mcred address");
            }
        }
        List<AuthData> authData = new ArrayList<>();
        if ((header & CredentialTag.SC_AUTHDATA) != 0) {
            int n = r.count(r.u32("mcred authdata count"), 6, "mcred authdata count");
            for (int i = 0; i < n; i++) {
                int type = r.u16("mcred ad_type");
                authData.add(new AuthData(type, r.bytes(r.u32("mcred ad_data length"), "mcred ad_data")));
            }
        }
        if ((header & CredentialTag.SC_TICKET) != 0) {
            r.skip(r.u32("mcred ticket length"), "mcred ticket");
        }
        byte[] second = new byte[0];
        if ((header & CredentialTag.SC_SECOND_TICKET) != 0) {
            second = r.bytes(r.u32("mcred second ticket length"), "mcred second ticket");
        }
        return new CredentialTag(flags, client, server, keyType, authTime, startTime, endTime, renewTill, isSkey,
                ticketFlags, authData, second);
    }
}
