package org.openlsa.kcm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openlsa.kcm.LogonSessionCaches.LogonSessionCache;
import org.openlsa.krb5.files.CcacheMarshalling;
import org.openlsa.krb5.files.Credential;
import org.openlsa.krb5.files.Principal;
import org.openlsa.krb5.files.internal.BigEndianWriter;

/**
 * The KCM credential cache service (docs/kcm.md): answers one decoded request of one peer.
 *
 * <p>Two kinds of cache. A <em>plain</em> cache belongs to a uid and is named {@code <uid>} (the uid's first default)
 * or {@code <uid>:<anything>}; it is what {@code kinit} into {@code KCM:} makes, as with SSSD's KCM. A <em>logon
 * session's</em> cache is named {@code <uid>:lsa-<LUID in hex>} and is a live view of that session's tickets: what
 * the Kerberos package holds now (renewed by it), plus what the session's processes stored, until logoff. It is the
 * default cache of the processes the LSA started for the session, and visible to no other process, the same uid's
 * included.
 *
 * <p>Who may name what: a peer names its own uid's caches and the cache of the session it belongs to; a peer whose
 * token holds SeTcbPrivilege may name any cache (it "says so" by naming it), yet lists and defaults are always its
 * own. Any other name reads as a cache that does not exist ({@link KcmStatus#FCC_NOFILE}) and cannot be written
 * ({@link KcmStatus#FCC_INTERNAL}), whether or not it exists, as sssd-kcm answers: existence does not leak, and MIT's
 * tools print what they print against sssd-kcm.
 *
 * <p>What one uid may hold is bounded ({@link Limits}). Every session key a cache holds is destroyed when the
 * credential leaves it, the cache is destroyed, the session ends ({@link #sweep()}) or the service closes.
 */
public final class KcmService implements AutoCloseable {
    /**
     * @param cachesPerUid plain caches one uid may have
     * @param credentialsPerCache credentials in one cache (a logon session's stored ones included)
     * @param bytesPerUid the marshalled size of all credentials one uid's caches and session stores hold
     */
    public record Limits(int cachesPerUid, int credentialsPerCache, long bytesPerUid) {
        /** 64 caches, 1024 credentials, 8 MiB per uid: far above what a user's tools make, far below harm. */
        public static final Limits DEFAULT = new Limits(64, 1024, 8L << 20);

        public Limits {
            if (cachesPerUid < 1 || credentialsPerCache < 1 || bytesPerUid < 1) {
                throw new IllegalArgumentException("KCM limits must be positive");
            }
        }
    }

    private static final Pattern SESSION_NAME = Pattern.compile("(\\d{1,19}):lsa-([0-9a-f]{16})");
    private static final String SESSION_MARK = ":lsa-";

    private final LogonSessionCaches sessions;
    private final Limits limits;
    private final SecureRandom random;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Long, UidCaches> uids = new HashMap<>();
    private final Map<String, SessionState> sessionStates = new HashMap<>();
    private boolean closed;

    public KcmService(LogonSessionCaches sessions, Limits limits, SecureRandom random) {
        this.sessions = sessions;
        this.limits = limits;
        this.random = random;
    }

    /** One credential and its UUID, as GET_CRED_UUID_LIST and GET_CRED_BY_UUID name it. */
    private record Entry(UUID uuid, Credential credential) {}

    private static final class PlainCache {
        final String name;
        final UUID uuid;
        Principal principal; // null: created by GEN_NEW, not yet initialized
        final List<Entry> credentials = new ArrayList<>();
        int kdcOffset;

        PlainCache(String name, UUID uuid) {
            this.name = name;
            this.uuid = uuid;
        }
    }

    private static final class UidCaches {
        final Map<String, PlainCache> caches = new LinkedHashMap<>();
        String defaultName; // null: "<uid>"
        long bytes;
        long nextUnique = 1;
    }

    /** What the session's processes did to its cache, on top of the package's tickets. */
    private static final class SessionState {
        final long uid;
        final UUID uuid;
        final List<Entry> stored = new ArrayList<>();
        final java.util.Set<UUID> removed = new java.util.HashSet<>();
        int kdcOffset;
        String defaultName; // null: the session's own cache
        boolean destroyed;
        Principal replacedBy; // non-null: INITIALIZE/REPLACE gave the cache this principal; stored is all it holds

        SessionState(long uid, UUID uuid) {
            this.uid = uid;
            this.uuid = uuid;
        }
    }

    /** A cache a request names, after the access check. */
    private sealed interface Target {
        String name();
    }

    private record Plain(long uid, String name) implements Target {}

    private record Session(LogonSessionCache cache, String name) implements Target {}

    /** Answers one request frame (the bytes after the frame's length). Never throws. */
    public KcmReply handle(KcmPeer peer, byte[] frame) {
        KcmRequest request;
        try {
            request = KcmRequests.decode(frame);
        } catch (KcmException e) {
            return KcmReply.error(e);
        }
        try {
            return KcmReply.ok(answer(peer, request));
        } catch (KcmException e) {
            KcmRequest.destroyKeys(request);
            return KcmReply.error(e);
        }
    }

    private byte[] answer(KcmPeer peer, KcmRequest request) throws KcmException {
        return switch (request) {
            case KcmRequest.Noop n -> new byte[0];
            case KcmRequest.Unserved u -> throw new KcmException(KcmStatus.CC_NOSUPP, u.opcode() + " is not served");
            case KcmRequest.Unknown u -> throw new KcmException(KcmStatus.FCC_INTERNAL, "unknown opcode " + u.code());
            case KcmRequest.GenNew g -> genNew(peer);
            case KcmRequest.Initialize i -> {
                replace(peer, i.name(), i.principal(), 0, List.of());
                yield new byte[0];
            }
            case KcmRequest.Replace r -> {
                replace(peer, r.name(), r.principal(), r.offsetSeconds(), r.credentials());
                yield new byte[0];
            }
            case KcmRequest.Destroy d -> destroy(peer, d.name());
            case KcmRequest.Store s -> store(peer, s.name(), s.credential());
            case KcmRequest.Retrieve r -> retrieve(peer, r);
            case KcmRequest.GetPrincipal g -> principal(peer, g.name());
            case KcmRequest.GetCredUuidList g -> credentialUuids(peer, g.name());
            case KcmRequest.GetCredByUuid g -> credentialByUuid(peer, g.name(), g.uuid());
            case KcmRequest.RemoveCred r -> removeCredentials(peer, r.name(), r.tag());
            case KcmRequest.GetCacheUuidList g -> cacheUuids(peer);
            case KcmRequest.GetCacheByUuid g -> cacheByUuid(peer, g.uuid());
            case KcmRequest.GetDefaultCache g -> name(defaultCache(peer));
            case KcmRequest.SetDefaultCache s -> setDefault(peer, s.name());
            case KcmRequest.GetKdcOffset g -> kdcOffset(peer, g.name());
            case KcmRequest.SetKdcOffset s -> setKdcOffset(peer, s.name(), s.offsetSeconds());
            case KcmRequest.GetCredList g -> credentialList(peer, g.name());
        };
    }

    // ---- names and access ----

    /**
     * What a request does with the cache it names, which decides how a refusal reads: as the cache missing, the
     * status each operation gives a missing cache (LIST: the credential lists, KRB5_CC_NOTFOUND as sssd-kcm), or as
     * a write that cannot be made.
     */
    private enum Access { READ, LIST, WRITE }

    private Target resolve(KcmPeer peer, String name) throws KcmException {
        return resolve(peer, name, Access.READ);
    }

    private Target resolve(KcmPeer peer, String name, Access access) throws KcmException {
        Matcher m = SESSION_NAME.matcher(name);
        if (m.matches()) {
            long uid = parseUid(m.group(1), name);
            if (uid != peer.uid() && !peer.tcb()) {
                throw denied(peer, name, access);
            }
            Optional<LogonSessionCache> s = sessions.session(m.group(2)).filter(LogonSessionCache::isOpen)
                    .filter(c -> c.uid() == uid);
            if (!peer.tcb()) {
                Optional<LogonSessionCache> own = sessions.sessionOf(peer);
                if (own.isEmpty() || !own.get().id().equals(m.group(2))) {
                    throw denied(peer, name, access);
                }
            }
            if (s.isEmpty()) {
                throw new KcmException(KcmStatus.FCC_NOFILE, "logon session cache " + name + " is gone");
            }
            return new Session(s.get(), name);
        }
        if (name.contains(SESSION_MARK)) {
            throw new KcmException(KcmStatus.CC_BADNAME, "names with " + SESSION_MARK + " are logon sessions' caches");
        }
        int colon = name.indexOf(':');
        long uid = parseUid(colon < 0 ? name : name.substring(0, colon), name);
        if (uid != peer.uid() && !peer.tcb()) {
            throw denied(peer, name, access);
        }
        return new Plain(uid, name);
    }

    private static KcmException denied(KcmPeer peer, String name, Access access) {
        KcmStatus status = switch (access) {
            case READ -> KcmStatus.FCC_NOFILE;
            case LIST -> KcmStatus.CC_NOTFOUND;
            case WRITE -> KcmStatus.FCC_INTERNAL;
        };
        return new KcmException(status, "uid " + peer.uid() + " may not use cache " + name);
    }

    private static long parseUid(String digits, String name) throws KcmException {
        if (digits.isEmpty() || digits.length() > 19 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || (digits.length() > 1 && digits.charAt(0) == '0')) {
            throw new KcmException(KcmStatus.CC_BADNAME, "cache names start with the owner's uid: " + name);
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new KcmException(KcmStatus.CC_BADNAME, "uid out of range in " + name);
        }
    }

    private static String sessionName(LogonSessionCache s) {
        return s.uid() + SESSION_MARK + s.id();
    }

    // ---- operations ----

    private byte[] genNew(KcmPeer peer) throws KcmException {
        lock.lock();
        try {
            UidCaches u = caches(peer.uid());
            String name;
            do {
                name = peer.uid() + ":" + u.nextUnique++;
            } while (u.caches.containsKey(name));
            create(peer.uid(), u, name);
            return name(name);
        } finally {
            lock.unlock();
        }
    }

    private PlainCache create(long uid, UidCaches u, String name) throws KcmException {
        if (u.caches.size() >= limits.cachesPerUid()) {
            throw new KcmException(KcmStatus.CC_WRITE, "uid " + uid + " has " + u.caches.size()
                    + " caches, the most one uid may have");
        }
        PlainCache c = new PlainCache(name, randomUuid());
        u.caches.put(name, c);
        return c;
    }

    /** INITIALIZE (no credentials) and REPLACE: the cache gets a principal, an offset and exactly these. */
    private void replace(KcmPeer peer, String name, Principal principal, int offset, List<Credential> creds)
            throws KcmException {
        Target t = resolve(peer, name, Access.WRITE);
        if (creds.size() > limits.credentialsPerCache()) {
            throw new KcmException(KcmStatus.CC_WRITE, creds.size() + " credentials for one cache, more than "
                    + limits.credentialsPerCache());
        }
        lock.lock();
        try {
            long uid = owner(t);
            UidCaches u = caches(uid);
            List<Entry> fresh = new ArrayList<>();
            creds.forEach(c -> fresh.add(new Entry(randomUuid(), c)));
            long freed = switch (t) {
                case Plain p -> weight(Optional.ofNullable(u.caches.get(p.name())).map(c -> c.credentials)
                        .orElse(List.of()));
                case Session s -> weight(state(s.cache()).stored);
            };
            requireRoom(uid, u, weight(fresh) - freed);
            switch (t) {
                case Plain p -> {
                    PlainCache c = u.caches.get(p.name());
                    if (c == null) {
                        c = create(uid, u, p.name());
                    }
                    clear(u, c.credentials);
                    c.principal = principal;
                    c.kdcOffset = offset;
                    c.credentials.addAll(fresh);
                }
                case Session s -> {
                    SessionState st = state(s.cache());
                    clear(u, st.stored);
                    st.removed.clear();
                    st.destroyed = false;
                    st.replacedBy = principal;
                    st.kdcOffset = offset;
                    st.stored.addAll(fresh);
                }
            }
            u.bytes += weight(fresh);
        } finally {
            lock.unlock();
        }
    }

    private byte[] destroy(KcmPeer peer, String name) throws KcmException {
        Target t = resolve(peer, name);
        lock.lock();
        try {
            UidCaches u = caches(owner(t));
            switch (t) {
                case Plain p -> {
                    PlainCache c = u.caches.remove(p.name());
                    if (c == null) {
                        throw new KcmException(KcmStatus.FCC_NOFILE, "no cache " + name);
                    }
                    clear(u, c.credentials);
                    // A destroyed default falls back to "<uid>", as with sssd-kcm (kdestroy -A, then klist).
                    if (p.name().equals(u.defaultName)) {
                        u.defaultName = null;
                    }
                    sessionStates.values().stream().filter(st -> p.name().equals(st.defaultName))
                            .forEach(st -> st.defaultName = null);
                }
                case Session s -> {
                    SessionState st = state(s.cache());
                    clear(u, st.stored);
                    st.replacedBy = null;
                    st.destroyed = true;
                }
            }
            return new byte[0];
        } finally {
            lock.unlock();
        }
    }

    private byte[] store(KcmPeer peer, String name, Credential credential) throws KcmException {
        Target t = resolve(peer, name);
        lock.lock();
        try {
            UidCaches u = caches(owner(t));
            List<Entry> into = switch (t) {
                case Plain p -> {
                    PlainCache c = u.caches.get(p.name());
                    if (c == null || c.principal == null) {
                        throw new KcmException(KcmStatus.FCC_NOFILE, "no initialized cache " + name);
                    }
                    yield c.credentials;
                }
                case Session s -> {
                    SessionState st = state(s.cache());
                    if (st.destroyed) {
                        throw new KcmException(KcmStatus.FCC_NOFILE, "cache " + name + " was destroyed");
                    }
                    yield st.stored;
                }
            };
            if (into.size() >= limits.credentialsPerCache()) {
                throw new KcmException(KcmStatus.CC_WRITE, "cache " + name + " holds " + into.size()
                        + " credentials, the most one cache may hold");
            }
            long w = weight(credential);
            requireRoom(owner(t), u, w);
            into.add(new Entry(randomUuid(), credential));
            u.bytes += w;
            return new byte[0];
        } finally {
            lock.unlock();
        }
    }

    private byte[] retrieve(KcmPeer peer, KcmRequest.Retrieve r) throws KcmException {
        Target t = resolve(peer, r.name());
        List<Entry> view = view(t);
        try {
            for (Entry e : view) {
                if (r.tag().matches(e.credential())) {
                    return credential(e.credential());
                }
            }
        } finally {
            release(t, view);
        }
        // A logon session's cache answers a missing service ticket with a TGS exchange in the LSA, whatever
        // KCM_GC_CACHED says: the session's tickets are the LSA's to fetch (docs/kcm.md, "RETRIEVE").
        if (t instanceof Session s && r.tag().server().isPresent() && sessionLive(s)
                && !r.tag().server().get().realm().equals(Credential.CONFIG_REALM)) {
            Optional<Credential> fetched = s.cache().serviceTicket(r.tag().server().get());
            if (fetched.isPresent()) {
                Credential c = fetched.get();
                try {
                    if (r.tag().matches(c)) {
                        return credential(c);
                    }
                } finally {
                    c.key().key().destroy();
                }
            }
        }
        throw new KcmException(KcmStatus.CC_NOTFOUND, "no matching credential in " + r.name());
    }

    private boolean sessionLive(Session s) {
        lock.lock();
        try {
            SessionState st = state(s.cache());
            return !st.destroyed && st.replacedBy == null;
        } finally {
            lock.unlock();
        }
    }

    private byte[] principal(KcmPeer peer, String name) throws KcmException {
        Target t = resolve(peer, name);
        Optional<Principal> p;
        lock.lock();
        try {
            p = switch (t) {
                case Plain pl -> Optional.ofNullable(caches(pl.uid()).caches.get(pl.name())).map(c -> c.principal);
                case Session s -> {
                    SessionState st = state(s.cache());
                    yield st.destroyed ? Optional.empty()
                            : st.replacedBy != null ? Optional.of(st.replacedBy) : s.cache().client();
                }
            };
        } finally {
            lock.unlock();
        }
        if (p.isEmpty()) {
            throw new KcmException(KcmStatus.FCC_NOFILE, "cache " + name + " has no principal");
        }
        BigEndianWriter w = new BigEndianWriter();
        CcacheMarshalling.writePrincipal(w, p.get());
        return w.toBytes();
    }

    private byte[] credentialUuids(KcmPeer peer, String name) throws KcmException {
        Target t = resolve(peer, name, Access.LIST);
        List<Entry> view = view(t, KcmStatus.CC_NOTFOUND);
        try {
            BigEndianWriter w = new BigEndianWriter();
            view.forEach(e -> uuid(w, e.uuid()));
            return w.toBytes();
        } finally {
            release(t, view);
        }
    }

    private byte[] credentialByUuid(KcmPeer peer, String name, UUID uuid) throws KcmException {
        Target t = resolve(peer, name);
        List<Entry> view = view(t);
        try {
            for (Entry e : view) {
                if (e.uuid().equals(uuid)) {
                    return credential(e.credential());
                }
            }
            throw new KcmException(KcmStatus.CC_END, "no credential " + uuid + " in " + name);
        } finally {
            release(t, view);
        }
    }

    private byte[] credentialList(KcmPeer peer, String name) throws KcmException {
        Target t = resolve(peer, name, Access.LIST);
        List<Entry> view = view(t, KcmStatus.CC_NOTFOUND);
        BigEndianWriter w = new BigEndianWriter();
        try {
            w.i32(view.size());
            for (Entry e : view) {
                byte[] one = credential(e.credential());
                try {
                    w.i32(one.length).bytes(one);
                } finally {
                    java.util.Arrays.fill(one, (byte) 0);
                }
            }
            return w.toBytes();
        } finally {
            w.wipe();
            release(t, view);
        }
    }

    private byte[] removeCredentials(KcmPeer peer, String name, CredentialTag tag) throws KcmException {
        Target t = resolve(peer, name);
        List<Entry> live = t instanceof Session s ? liveEntries(s) : List.of();
        try {
            lock.lock();
            try {
                UidCaches u = caches(owner(t));
                int removed = switch (t) {
                    case Plain p -> {
                        PlainCache c = u.caches.get(p.name());
                        if (c == null) {
                            throw new KcmException(KcmStatus.FCC_NOFILE, "no cache " + name);
                        }
                        yield remove(u, c.credentials, e -> tag.matches(e.credential()));
                    }
                    case Session s -> {
                        SessionState st = state(s.cache());
                        int n = remove(u, st.stored, e -> tag.matches(e.credential()));
                        if (!st.destroyed && st.replacedBy == null) {
                            for (Entry e : live) {
                                if (!st.removed.contains(e.uuid()) && tag.matches(e.credential())) {
                                    st.removed.add(e.uuid());
                                    n++;
                                }
                            }
                        }
                        yield n;
                    }
                };
                if (removed == 0) {
                    throw new KcmException(KcmStatus.CC_NOTFOUND, "no matching credential in " + name);
                }
                return new byte[0];
            } finally {
                lock.unlock();
            }
        } finally {
            live.forEach(e -> e.credential().key().key().destroy());
        }
    }

    private byte[] cacheUuids(KcmPeer peer) throws KcmException {
        Optional<LogonSessionCache> session = sessions.sessionOf(peer).filter(LogonSessionCache::isOpen);
        lock.lock();
        try {
            BigEndianWriter w = new BigEndianWriter();
            session.ifPresent(s -> {
                SessionState st = state(s);
                if (!st.destroyed) {
                    uuid(w, st.uuid);
                }
            });
            UidCaches u = uids.get(peer.uid());
            if (u != null) {
                u.caches.values().forEach(c -> uuid(w, c.uuid));
            }
            if (w.size() == 0) { // sssd-kcm's answer to an empty collection; MIT reads it as one
                throw new KcmException(KcmStatus.FCC_NOFILE, "uid " + peer.uid() + " has no caches");
            }
            return w.toBytes();
        } finally {
            lock.unlock();
        }
    }

    private byte[] cacheByUuid(KcmPeer peer, UUID uuid) throws KcmException {
        Optional<LogonSessionCache> session = sessions.sessionOf(peer).filter(LogonSessionCache::isOpen);
        lock.lock();
        try {
            if (session.isPresent()) {
                SessionState st = state(session.get());
                if (!st.destroyed && st.uuid.equals(uuid)) {
                    return name(sessionName(session.get()));
                }
            }
            UidCaches u = uids.get(peer.uid());
            if (u != null) {
                for (PlainCache c : u.caches.values()) {
                    if (c.uuid.equals(uuid)) {
                        return name(c.name);
                    }
                }
            }
            throw new KcmException(KcmStatus.CC_END, "no cache " + uuid);
        } finally {
            lock.unlock();
        }
    }

    private String defaultCache(KcmPeer peer) {
        Optional<LogonSessionCache> session = sessions.sessionOf(peer).filter(LogonSessionCache::isOpen);
        lock.lock();
        try {
            if (session.isPresent()) {
                String override = state(session.get()).defaultName;
                return override != null ? override : sessionName(session.get());
            }
            UidCaches u = uids.get(peer.uid());
            return u != null && u.defaultName != null ? u.defaultName : Long.toString(peer.uid());
        } finally {
            lock.unlock();
        }
    }

    private byte[] setDefault(KcmPeer peer, String name) throws KcmException {
        Target t = resolve(peer, name, Access.WRITE);
        Optional<LogonSessionCache> session = sessions.sessionOf(peer).filter(LogonSessionCache::isOpen);
        lock.lock();
        try {
            if (session.isPresent()) {
                // kswitch inside a logon session switches that session's processes only.
                state(session.get()).defaultName = t.name().equals(sessionName(session.get())) ? null : t.name();
            } else {
                caches(peer.uid()).defaultName = t.name();
            }
            return new byte[0];
        } finally {
            lock.unlock();
        }
    }

    private byte[] kdcOffset(KcmPeer peer, String name) throws KcmException {
        Target t = resolve(peer, name);
        lock.lock();
        try {
            int offset = switch (t) {
                case Plain p -> {
                    PlainCache c = caches(p.uid()).caches.get(p.name());
                    if (c == null) {
                        throw new KcmException(KcmStatus.FCC_NOFILE, "no cache " + name);
                    }
                    yield c.kdcOffset;
                }
                case Session s -> state(s.cache()).kdcOffset;
            };
            return new BigEndianWriter().i32(offset).toBytes();
        } finally {
            lock.unlock();
        }
    }

    private byte[] setKdcOffset(KcmPeer peer, String name, int offset) throws KcmException {
        Target t = resolve(peer, name, Access.WRITE);
        lock.lock();
        try {
            switch (t) {
                case Plain p -> {
                    PlainCache c = caches(p.uid()).caches.get(p.name());
                    if (c == null) {
                        throw new KcmException(KcmStatus.FCC_NOFILE, "no cache " + name);
                    }
                    c.kdcOffset = offset;
                }
                case Session s -> state(s.cache()).kdcOffset = offset;
            }
            return new byte[0];
        } finally {
            lock.unlock();
        }
    }

    // ---- views ----

    /**
     * The credentials a cache shows, in order. For a logon session: the package's tickets now (fetched outside the
     * lock: the engine may take a while) unless the cache was destroyed or replaced, less those removed, then the
     * stored ones. Live entries are copies: {@link #release} destroys their keys.
     */
    private List<Entry> view(Target t) throws KcmException {
        return view(t, KcmStatus.FCC_NOFILE);
    }

    /** {@link #view(Target)}, a missing cache answered {@code missing}. */
    private List<Entry> view(Target t, KcmStatus missing) throws KcmException {
        return switch (t) {
            case Plain p -> {
                lock.lock();
                try {
                    PlainCache c = caches(p.uid()).caches.get(p.name());
                    if (c == null) {
                        throw new KcmException(missing, "no cache " + p.name());
                    }
                    yield List.copyOf(c.credentials);
                } finally {
                    lock.unlock();
                }
            }
            case Session s -> {
                List<Entry> live = liveEntries(s);
                lock.lock();
                try {
                    SessionState st = state(s.cache());
                    List<Entry> all = new ArrayList<>();
                    if (st.destroyed) {
                        live.forEach(e -> e.credential().key().key().destroy());
                        throw new KcmException(missing, "cache " + s.name() + " was destroyed");
                    }
                    for (Entry e : live) {
                        if (st.replacedBy == null && !st.removed.contains(e.uuid())) {
                            all.add(e);
                        } else {
                            e.credential().key().key().destroy();
                        }
                    }
                    // Stored entries stay the cache's: release() tells them apart from the live copies.
                    st.stored.forEach(e -> all.add(new Entry(e.uuid(), e.credential())));
                    yield new ViewList(all, live);
                } finally {
                    lock.unlock();
                }
            }
        };
    }

    /** A session view: which entries are live copies the view owns. */
    private static final class ViewList extends java.util.AbstractList<Entry> {
        final List<Entry> all;
        final List<Entry> owned;

        ViewList(List<Entry> all, List<Entry> owned) {
            this.all = all;
            this.owned = owned;
        }

        @Override
        public Entry get(int i) {
            return all.get(i);
        }

        @Override
        public int size() {
            return all.size();
        }
    }

    private static void release(Target t, List<Entry> view) {
        if (view instanceof ViewList v) {
            v.owned.forEach(e -> e.credential().key().key().destroy());
        }
    }

    private List<Entry> liveEntries(Session s) throws KcmException {
        List<Credential> creds = s.cache().credentials();
        List<Entry> out = new ArrayList<>(creds.size());
        for (Credential c : creds) {
            out.add(new Entry(liveUuid(s.cache().id(), c), c));
        }
        return out;
    }

    /** A live ticket's UUID, the same on every read so that a UUID list and GET_CRED_BY_UUID agree. */
    private static UUID liveUuid(String sessionId, Credential c) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(sessionId.getBytes(StandardCharsets.US_ASCII));
            d.update(c.server().toString().getBytes(StandardCharsets.UTF_8));
            d.update(c.ticket());
            byte[] h = d.digest();
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (h[i] & 0xFF);
                lo = (lo << 8) | (h[8 + i] & 0xFF);
            }
            return new UUID(hi, lo);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    // ---- state ----

    private UidCaches caches(long uid) {
        return uids.computeIfAbsent(uid, k -> new UidCaches());
    }

    private SessionState state(LogonSessionCache s) {
        return sessionStates.computeIfAbsent(s.id(), k -> new SessionState(s.uid(), randomUuid()));
    }

    private long owner(Target t) {
        return switch (t) {
            case Plain p -> p.uid();
            case Session s -> s.cache().uid();
        };
    }

    private void requireRoom(long uid, UidCaches u, long more) throws KcmException {
        if (more > 0 && u.bytes + more > limits.bytesPerUid()) {
            throw new KcmException(KcmStatus.CC_WRITE, "uid " + uid + "'s caches would hold more than "
                    + limits.bytesPerUid() + " bytes");
        }
    }

    private static void clear(UidCaches u, List<Entry> entries) {
        remove(u, entries, e -> true);
    }

    private static int remove(UidCaches u, List<Entry> entries, Predicate<Entry> which) {
        int[] n = {0};
        entries.removeIf(e -> {
            if (!which.test(e)) {
                return false;
            }
            u.bytes -= weight(e.credential());
            e.credential().key().key().destroy();
            n[0]++;
            return true;
        });
        return n[0];
    }

    private static long weight(List<Entry> entries) {
        return entries.stream().mapToLong(e -> weight(e.credential())).sum();
    }

    /** Roughly the credential's marshalled size: what a uid's byte bound counts. */
    private static long weight(Credential c) {
        long n = 128L + c.ticket().length + c.secondTicket().length + c.key().key().length();
        for (var a : c.authData()) {
            n += 8 + a.adData().length;
        }
        for (var a : c.addresses()) {
            n += 8 + a.address().length;
        }
        return n;
    }

    private UUID randomUuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    /**
     * Ends what the service keeps for logon sessions that have ended (their stored credentials destroyed); the
     * daemon calls it periodically. A session's own tickets are the package's, destroyed at logoff by it.
     */
    public void sweep() {
        List<String> ids;
        lock.lock();
        try {
            ids = List.copyOf(sessionStates.keySet());
        } finally {
            lock.unlock();
        }
        for (String id : ids) {
            if (sessions.session(id).filter(LogonSessionCache::isOpen).isEmpty()) {
                lock.lock();
                try {
                    SessionState st = sessionStates.remove(id);
                    if (st != null) {
                        clear(caches(st.uid), st.stored);
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** The credential bytes {@code uid}'s caches hold (what {@link Limits#bytesPerUid()} bounds); for tests. */
    long bytesHeldBy(long uid) {
        lock.lock();
        try {
            UidCaches u = uids.get(uid);
            return u == null ? 0 : u.bytes;
        } finally {
            lock.unlock();
        }
    }

    /** Destroys every key the service holds. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (UidCaches u : uids.values()) {
                u.caches.values().forEach(c -> clear(u, c.credentials));
            }
            sessionStates.values().forEach(st -> clear(caches(st.uid), st.stored));
            uids.clear();
            sessionStates.clear();
        } finally {
            lock.unlock();
        }
    }

    // ---- marshalling ----

    private static byte[] name(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, out, 0, utf8.length);
        return out;
    }

    private static void uuid(BigEndianWriter w, UUID u) {
        long hi = u.getMostSignificantBits();
        long lo = u.getLeastSignificantBits();
        w.i32((int) (hi >>> 32)).i32((int) hi).i32((int) (lo >>> 32)).i32((int) lo);
    }

    private static byte[] credential(Credential c) {
        BigEndianWriter w = new BigEndianWriter();
        try {
            CcacheMarshalling.writeCredential(w, c);
            return w.toBytes();
        } finally {
            w.wipe();
        }
    }
}
