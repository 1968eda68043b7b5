package org.openlsa.engine.conformance;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.spi.AuthenticationPackage;
import org.openlsa.engine.spi.CallPackageRequest;
import org.openlsa.engine.spi.PackageCallResult;
import org.openlsa.engine.spi.PackageContext;
import org.openlsa.engine.spi.PackageLogonRequest;
import org.openlsa.engine.spi.PackageLogonResult;
import org.openlsa.engine.spi.ProfileDetails;
import org.openlsa.sam.AccountStore;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.Passwords;
import org.openlsa.sam.SamAccounting;
import org.openlsa.sam.UserAccount;

/**
 * A test double of a password package, so that the engine's conformance suite runs in the engine's own build (the
 * real MSV1_0 depends on the engine). It checks the password's NT hash against the store with sam's helpers and
 * reports the account's global groups; it knows no lockout, no restrictions, no network responses and no CallPackage
 * messages: those are MSV1_0's rules, tested with MSV1_0.
 *
 * <p>It answers to the alias MSV1_0 because the engine's LogonUser wrapper resolves every provider to the package
 * known by that name; its own name says what it is.
 *
 * <p>Its logon structure, little-endian: a ULONG submit type ({@link #PASSWORD_LOGON} or {@link #UNLOCK_LOGON}), then
 * domain, user and password, each a USHORT byte length and that many UTF-16LE bytes, then for an unlock logon the
 * LUID of the session being unlocked (ULONG low, LONG high). Nothing may follow. Like MSV1_0's interactive
 * structures, the password structure serves the password logon types and the unlock structure serves Unlock only.
 */
public final class PasswordTestPackage implements AuthenticationPackage {
    public static final String NAME = "OPENLSA_TEST_PASSWORD_PACKAGE";
    public static final String ALIAS = "MSV1_0";
    public static final int PASSWORD_LOGON = 2;
    public static final int UNLOCK_LOGON = 7;

    private static final Set<SecurityLogonType> PASSWORD_TYPES = Set.of(SecurityLogonType.INTERACTIVE,
            SecurityLogonType.BATCH, SecurityLogonType.SERVICE, SecurityLogonType.NETWORK,
            SecurityLogonType.NETWORK_CLEARTEXT, SecurityLogonType.REMOTE_INTERACTIVE);

    private PackageContext context;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> aliases() {
        return List.of(ALIAS);
    }

    @Override
    public void initialize(PackageContext c) {
        this.context = c;
    }

    /** The logon structure for these credentials; {@code unlock} names the session an unlock logon unlocks. */
    public static byte[] encode(String domain, String user, String password, Optional<Luid> unlock) {
        byte[] d = domain.getBytes(StandardCharsets.UTF_16LE);
        byte[] u = user.getBytes(StandardCharsets.UTF_16LE);
        byte[] p = password.getBytes(StandardCharsets.UTF_16LE);
        try {
            return encode(d, u, p, unlock);
        } finally {
            java.util.Arrays.fill(p, (byte) 0);
        }
    }

    private static byte[] encode(byte[] domain, byte[] user, byte[] password, Optional<Luid> unlock) {
        ByteBuffer b = ByteBuffer.allocate(4 + 6 + domain.length + user.length + password.length
                + (unlock.isPresent() ? 8 : 0)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(unlock.isPresent() ? UNLOCK_LOGON : PASSWORD_LOGON);
        for (byte[] s : List.of(domain, user, password)) {
            b.putShort((short) s.length).put(s);
        }
        unlock.ifPresent(l -> b.putLong(l.value()));
        return b.array();
    }

    @Override
    public Optional<SecretBytes> encodePasswordLogon(SecurityLogonType logonType, String userName, String domain,
                                                     SecretBytes password) {
        Optional<Luid> unlock = logonType == SecurityLogonType.UNLOCK ? Optional.of(Luid.ZERO) : Optional.empty();
        byte[] p = password.copyBytes();
        try {
            return Optional.of(SecretBytes.adopt(encode(domain.getBytes(StandardCharsets.UTF_16LE),
                    userName.getBytes(StandardCharsets.UTF_16LE), p, unlock)));
        } finally {
            java.util.Arrays.fill(p, (byte) 0);
        }
    }

    @Override
    public PackageLogonResult logonUser(PackageLogonRequest request) throws LsaException {
        return request.authenticationInformation().read(bytes -> logonUser(request, bytes));
    }

    /** Reads the structure in place: {@code bytes} is the request's secret, which the engine zeroes. */
    private PackageLogonResult logonUser(PackageLogonRequest request, byte[] bytes) throws LsaException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int submitType = b.remaining() >= 4 ? b.getInt() : -1;
        if (submitType != PASSWORD_LOGON && submitType != UNLOCK_LOGON) {
            throw invalid(submitType == -1 ? "no submit type" : "unknown submit type " + submitType);
        }
        String domain = string(b);
        String user = string(b);
        byte[] passwordBytes = bytes(b);
        try (SecretBytes password = SecretBytes.adopt(passwordBytes)) {
            if (submitType == UNLOCK_LOGON) {
                if (b.remaining() < 8) {
                    throw invalid("truncated logon id");
                }
                b.getLong();
            }
            if (b.hasRemaining()) {
                throw invalid(b.remaining() + " bytes after the structure");
            }
            boolean serves = submitType == UNLOCK_LOGON ? request.logonType() == SecurityLogonType.UNLOCK
                    : PASSWORD_TYPES.contains(request.logonType());
            if (!serves) {
                throw new LsaException(NtStatus.BAD_VALIDATION_CLASS, "submit type " + submitType + " cannot serve a "
                        + request.logonType().displayName() + " logon");
            }
            return logon(domain, user, password);
        }
    }

    private PackageLogonResult logon(String domainName, String userName, SecretBytes password) throws LsaException {
        AccountStore store = context.store();
        DomainInfo domain = store.domain();
        if (!domain.answersTo(domainName)) {
            throw new LsaException(NtStatus.LOGON_FAILURE, NtStatus.NO_SUCH_DOMAIN, "unknown domain");
        }
        UserAccount user = store.findUser(userName).orElseThrow(() ->
                new LsaException(NtStatus.LOGON_FAILURE, NtStatus.NO_SUCH_USER, "no such user"));
        if (!Passwords.matches(store, user, password)) {
            throw new LsaException(NtStatus.LOGON_FAILURE, NtStatus.WRONG_PASSWORD, "wrong password");
        }
        List<SidAndAttributes> groups = SamAccounting.globalGroups(store, user, domain);
        return new PackageLogonResult(user.sid(), groups, groups.getFirst().sid(), PackageLogonResult.NEVER_EXPIRES,
                profile(user, domain), user.name(), domain.name(), domain.machineName(), "", "", ProfileDetails.NONE,
                Optional.empty(), true);
    }

    /** The profile buffer: the user's full name and the logon server, as length-prefixed UTF-16LE strings. */
    private static byte[] profile(UserAccount user, DomainInfo domain) {
        byte[] fullName = user.fullName().getBytes(StandardCharsets.UTF_16LE);
        byte[] server = domain.machineName().getBytes(StandardCharsets.UTF_16LE);
        return ByteBuffer.allocate(4 + fullName.length + server.length).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) fullName.length).put(fullName).putShort((short) server.length).put(server).array();
    }

    private static String string(ByteBuffer b) throws LsaException {
        byte[] s = bytes(b);
        return new String(s, StandardCharsets.UTF_16LE);
    }

    private static byte[] bytes(ByteBuffer b) throws LsaException {
        if (b.remaining() < 2) {
            throw invalid("truncated string length");
        }
        int length = Short.toUnsignedInt(b.getShort());
        if (length % 2 != 0 || length > b.remaining()) {
            throw invalid("string of " + length + " bytes with " + b.remaining() + " left");
        }
        byte[] s = new byte[length];
        b.get(s);
        return s;
    }

    private static LsaException invalid(String why) {
        return new LsaException(NtStatus.INVALID_PARAMETER, "malformed test logon structure: " + why);
    }

    @Override
    public PackageCallResult callPackage(CallPackageRequest request) throws LsaException {
        throw new LsaException(NtStatus.NOT_SUPPORTED, "the test package has no CallPackage messages");
    }

    @Override
    public PackageCallResult callPackageUntrusted(CallPackageRequest request) throws LsaException {
        throw new LsaException(NtStatus.NOT_SUPPORTED, "the test package has no CallPackage messages");
    }

    @Override
    public void logonTerminated(Luid logonId) {}
}
