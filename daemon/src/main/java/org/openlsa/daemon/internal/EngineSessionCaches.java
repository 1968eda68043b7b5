package org.openlsa.daemon.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.host.LaunchedSessions;
import org.openlsa.host.LogonSessionTickets;
import org.openlsa.kcm.KcmException;
import org.openlsa.kcm.KcmPeer;
import org.openlsa.kcm.KcmStatus;
import org.openlsa.kcm.LogonSessionCaches;
import org.openlsa.krb5.files.Credential;
import org.openlsa.krb5.files.Principal;

/**
 * The KCM service's view of logon sessions: their tickets through the LSA API ({@link LogonSessionTickets}), and
 * the processes the engine started ({@link LaunchedSessions}) to tell which session a peer belongs to.
 */
public final class EngineSessionCaches implements LogonSessionCaches {
    private final LogonSessionTickets tickets;
    private final LaunchedSessions launched;
    private final boolean exposeTgtSessionKey;

    /** @param exposeTgtSessionKey false: a session's TGT is listed with an empty key (kcm.properties tgt_session_key) */
    public EngineSessionCaches(LogonSessionTickets tickets, LaunchedSessions launched, boolean exposeTgtSessionKey) {
        this.tickets = tickets;
        this.launched = launched;
        this.exposeTgtSessionKey = exposeTgtSessionKey;
    }

    @Override
    public Optional<LogonSessionCache> sessionOf(KcmPeer peer) {
        OptionalLong sid = sessionIdOf(peer.pid());
        if (sid.isEmpty()) {
            return Optional.empty();
        }
        return launched.leaderOfSession(sid.getAsLong()).filter(l -> l.uid() == peer.uid()).map(Cache::new);
    }

    @Override
    public Optional<LogonSessionCache> session(String id) {
        Luid luid;
        try {
            luid = new Luid(HexFormat.fromHexDigitsToLong(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return launched.anyOf(luid).map(Cache::new);
    }

    /**
     * The session id (setsid) of {@code pid}: field 6 of /proc/PID/stat, counted after the command name's closing
     * parenthesis, since the name itself may hold spaces and parentheses.
     */
    static OptionalLong sessionIdOf(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return OptionalLong.empty(); // gone already
        }
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] f = stat.substring(close + 1).strip().split(" ");
        try {
            return f.length > 3 ? OptionalLong.of(Long.parseLong(f[3])) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** One leader's logon session. */
    private final class Cache implements LogonSessionCache {
        private final LaunchedSessions.Leader leader;

        Cache(LaunchedSessions.Leader leader) {
            this.leader = leader;
        }

        @Override
        public String id() {
            return HexFormat.of().toHexDigits(leader.logonId().value());
        }

        @Override
        public long uid() {
            return leader.uid();
        }

        @Override
        public boolean isOpen() {
            return launched.leaderOfSession(leader.pid()).filter(leader::equals).isPresent();
        }

        @Override
        public Optional<Principal> client() {
            try {
                return tickets.client(leader.logonId());
            } catch (LsaException e) {
                return Optional.empty(); // the session ended meanwhile
            }
        }

        @Override
        public List<Credential> credentials() throws KcmException {
            try {
                return tickets.credentials(leader.logonId(), exposeTgtSessionKey);
            } catch (LsaException e) {
                throw new KcmException(KcmStatus.CC_IO, "reading logon session " + id() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public Optional<Credential> serviceTicket(Principal server) throws KcmException {
            try {
                return tickets.serviceTicket(leader.logonId(), server);
            } catch (LsaException e) {
                return Optional.empty();
            }
        }
    }
}
