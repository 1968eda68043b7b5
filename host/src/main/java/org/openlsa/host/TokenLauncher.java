package org.openlsa.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.openlsa.core.AccessToken;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.QuotaLimits;
import org.openlsa.engine.UserProcess;
import org.openlsa.engine.spi.ProcessLauncher;
import org.openlsa.idmap.IdMap;
import org.openlsa.idmap.IdMapService;
import org.openlsa.idmap.UnixAccounts;
import org.openlsa.idmap.UnixCredentials;
import org.openlsa.launch.ExitStatus;
import org.openlsa.launch.LaunchPolicy;
import org.openlsa.launch.LaunchedProcess;
import org.openlsa.launch.Launcher;
import org.openlsa.launch.ProcessSpec;
import org.openlsa.launch.QuotaMapping;
import org.openlsa.launch.ResourceLimit;
import org.openlsa.launch.Rlimit;

/**
 * The engine's process launcher as the host wires it: the token's Unix credentials from {@link IdMap#credentialsOf}
 * over the state directory's range file (read on every start, as {@code lsa idmap} reads it, so an edit counts at
 * once) and the account store, then {@link Launcher#start}. A uid with no passwd entry (an algorithmically mapped
 * account) gets the account's name as USER and LOGNAME, where the launcher alone would put the number; the caller's
 * own values win. The token's QUOTA_LIMITS become resource limits through {@link QuotaMapping}, each the stricter of
 * the quota's and the spec's own (docs/launch.md, "Quotas"); with the default policy (no TimeLimit) none is added,
 * and the launch stays without prlimit. The state directory's launch.properties (a PAM service) is read at each
 * start too.
 */
final class TokenLauncher implements ProcessLauncher {
    private static final String KRB5_CONFIG = "KRB5_CONFIG";
    private final IdMapService idmap;
    private final Launcher launcher;
    private final Path launchConfig;
    private final LaunchedSessions launched;
    private final Map<String, String> credentialCacheEnvironment;
    private final FileCredentialCaches fileCaches;

    /**
     * @param launchConfig the state directory's launch.properties, read at each start (docs/launch.md)
     * @param launched where each started process is registered until it ends (for the KCM service)
     * @param credentialCacheEnvironment variables that point the program's Kerberos library at the session's
     *     credential cache ({@code KRB5CCNAME=KCM:} and the like) under {@code credential_cache = kcm}; the spec's
     *     own values win
     * @param fileCaches the sessions' FILE caches, under {@code credential_cache = file}
     */
    TokenLauncher(IdMapService idmap, Launcher launcher, Path launchConfig, LaunchedSessions launched,
                  Map<String, String> credentialCacheEnvironment, FileCredentialCaches fileCaches) {
        this.fileCaches = fileCaches;
        this.idmap = idmap;
        this.launcher = launcher;
        this.launchConfig = launchConfig;
        this.launched = launched;
        this.credentialCacheEnvironment = Map.copyOf(credentialCacheEnvironment);
    }

    @Override
    public UserProcess start(AccessToken token, String accountName, QuotaLimits quotas, ProcessSpec spec)
            throws LsaException {
        IdMap map;
        try {
            map = idmap.current();
        } catch (IOException | IllegalArgumentException e) {
            throw new LsaException(NtStatus.UNSUCCESSFUL, "cannot read the id ranges: " + e.getMessage(), e);
        }
        LaunchPolicy policy;
        try {
            policy = LaunchPolicy.read(launchConfig);
        } catch (IOException | IllegalArgumentException e) { // the administrator's to fix
            throw new LsaException(NtStatus.UNSUCCESSFUL, "cannot read the launch policy: " + e.getMessage(), e);
        }
        UnixCredentials who = map.credentialsOf(token);
        Map<String, String> cacheEnvironment = switch (policy.credentialCache()) {
            case KCM -> credentialCacheEnvironment;
            case FILE -> fileCaches.export(token.authenticationId(), who);
            case NONE -> Map.of();
        };
        ProcessSpec full = withEnvironment(withQuotas(withAccountName(spec, who.uid(), accountName), quotas),
                cacheEnvironment);
        LaunchedProcess p;
        launched.beginLaunch();
        try {
            p = launcher.start(who, full, policy);
            LaunchedSessions.Leader leader = new LaunchedSessions.Leader(p.sessionId(), who.uid(),
                    token.authenticationId());
            launched.add(leader);
            p.onExit().whenComplete((status, failure) -> launched.remove(leader));
        } finally {
            launched.endLaunch();
        }
        return new Started(p);
    }

    /**
     * {@code extra} under the spec's environment: the caller's own values win, except that KRB5_CONFIG, a list of
     * files MIT merges (the first one's values winning), keeps {@code extra}'s first file in front of the caller's
     * list: the caller chooses its realms, the LSA where its credential cache service listens.
     */
    static ProcessSpec withEnvironment(ProcessSpec spec, Map<String, String> extra) {
        if (extra.isEmpty()) {
            return spec;
        }
        Map<String, String> env = new LinkedHashMap<>(extra);
        env.putAll(spec.environment());
        String ours = extra.get(KRB5_CONFIG);
        String theirs = spec.environment().get(KRB5_CONFIG);
        if (ours != null && theirs != null && !theirs.isEmpty()) {
            env.put(KRB5_CONFIG, ours.split(":", 2)[0] + ":" + theirs);
        }
        return new ProcessSpec(spec.program(), spec.arguments(), env, spec.workingDirectory(), spec.limits(),
                spec.stdin(), spec.stdout(), spec.stderr());
    }

    private static ProcessSpec withAccountName(ProcessSpec spec, long uid, String accountName) {
        if (accountName.isEmpty() || UnixAccounts.passwdEntryOf(uid).isPresent()) {
            return spec;
        }
        return withEnvironment(spec, Map.of("USER", accountName, "LOGNAME", accountName));
    }

    /** Per resource, the stricter of the spec's limit and the quota's. */
    static ProcessSpec withQuotas(ProcessSpec spec, QuotaLimits quotas) {
        Map<ResourceLimit, Rlimit> fromQuotas = QuotaMapping.rlimitsOf(quotas);
        if (fromQuotas.isEmpty()) {
            return spec;
        }
        Map<ResourceLimit, Rlimit> limits = new EnumMap<>(ResourceLimit.class);
        limits.putAll(spec.limits());
        fromQuotas.forEach((r, l) -> limits.merge(r, l, Rlimit::stricter));
        return new ProcessSpec(spec.program(), spec.arguments(), spec.environment(), spec.workingDirectory(), limits,
                spec.stdin(), spec.stdout(), spec.stderr());
    }

    /** A launched program as the engine's {@link UserProcess}. */
    private record Started(LaunchedProcess p) implements UserProcess {
        @Override public long pid() { return p.pid(); }
        @Override public ExitStatus waitFor() throws InterruptedException { return p.waitFor(); }
        @Override public Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException {
            return p.waitFor(timeout);
        }
        @Override public CompletableFuture<ExitStatus> onExit() { return p.onExit(); }
        @Override public boolean isAlive() { return p.isAlive(); }
        @Override public void terminate() { p.terminate(); }
        @Override public void kill() { p.kill(); }
        @Override public void signal(int signal) { p.signal(signal); }
        @Override public OutputStream stdin() { return p.stdin(); }
        @Override public InputStream stdout() { return p.stdout(); }
        @Override public InputStream stderr() { return p.stderr(); }
    }
}
