package org.openlsa.engine.spi;

import org.openlsa.core.AccessToken;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.QuotaLimits;
import org.openlsa.engine.UserProcess;
import org.openlsa.launch.ProcessSpec;

/**
 * How the engine starts a process for a token, once it has decided the caller may (CreateProcessAsUser). The host
 * wires the real one (the token's Unix credentials from {@code IdMap.credentialsOf}, started by the {@code launch}
 * module's {@code Launcher}); the engine's tests pass a double, so its rules are tested without starting anything.
 * The launcher decides nothing about callers or privileges: the engine has checked them.
 */
@FunctionalInterface
public interface ProcessLauncher {
    /** An engine that cannot start processes (the default): every CreateProcessAsUser is NOT_SUPPORTED. */
    ProcessLauncher NONE = (token, accountName, quotas, spec) -> {
        throw new LsaException(NtStatus.NOT_SUPPORTED, "this LSA was built without a process launcher");
    };

    /**
     * Starts {@code spec}'s program as {@code token}.
     *
     * @param accountName the token's account as its logon session names it (USER and LOGNAME when the token's uid
     *     has no passwd entry)
     * @param quotas the token's QUOTA_LIMITS (what LsaLogonUser returned with it): the launcher applies what has a
     *     Linux meaning (TimeLimit as RLIMIT_CPU, docs/launch.md "Quotas"), the stricter of it and the spec's limit
     * @throws LsaException the token cannot be mapped to Unix ids (the idmap refusal's status), or the launch
     *     failed (OBJECT_NAME_NOT_FOUND, ACCESS_DENIED, ...: docs/launch.md)
     */
    UserProcess start(AccessToken token, String accountName, QuotaLimits quotas, ProcessSpec spec)
            throws LsaException;
}
