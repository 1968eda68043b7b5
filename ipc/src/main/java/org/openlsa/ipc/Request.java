package org.openlsa.ipc;

import java.util.List;
import java.util.Objects;
import org.openlsa.core.ImpersonationLevel;
import org.openlsa.core.Luid;
import org.openlsa.core.Sid;
import org.openlsa.core.TokenType;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.TokenHandle;
import org.openlsa.engine.TokenInformationClass;

/** One request body per opcode of docs/ipc.md; {@link Unknown} stands for an opcode this version does not know. */
public sealed interface Request {
    /** 1: {@code string logonProcessName}. */
    record RegisterLogonProcess(String logonProcessName) implements Request {
        public RegisterLogonProcess {
            Objects.requireNonNull(logonProcessName, "logonProcessName");
        }
    }

    /** 2: empty. */
    record ConnectUntrusted() implements Request {}

    /** 3: {@code string packageName}. */
    record LookupAuthenticationPackage(String packageName) implements Request {
        public LookupAuthenticationPackage {
            Objects.requireNonNull(packageName, "packageName");
        }
    }

    /** 4: {@code LogonRequest}; its authenticationInformation may hold a password ({@link LogonRequest#wipe()}). */
    record LogonUser(LogonRequest request) implements Request {
        public LogonUser {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * 5: {@code string user, string domain, bytes passwordUtf16le, u32 logon32Type, u32 logon32Provider}. The
     * password stays in its {@link SecretBytes}; the receiver destroys it when done.
     */
    record LogonUserWithPassword(String user, String domain, SecretBytes password, int logon32Type,
                                 int logon32Provider) implements Request {
        public LogonUserWithPassword {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "LogonUserWithPassword[user=" + user + ", domain=" + domain + ", logon32Type=" + logon32Type
                    + ", logon32Provider=" + logon32Provider + "]";
        }
    }

    /**
     * 6: {@code u32 packageId, bytes submitBuffer}. The buffer may hold a password (a change-password request), so
     * the request owns it as a secret, which {@link #wipe()} destroys.
     */
    record CallPackage(int packageId, SecretBytes submit) implements Request {
        /** Takes ownership of {@code submit}. */
        public CallPackage {
            Objects.requireNonNull(submit, "submit");
        }

        /** A request over a copy of {@code submit}; the caller still owns its array. */
        public CallPackage(int packageId, byte[] submit) {
            this(packageId, SecretBytes.copyOf(submit));
        }

        /** Destroys the submit buffer. */
        public void wipe() {
            submit.destroy();
        }

        @Override
        public String toString() {
            return "CallPackage[packageId=" + packageId + (submit.isDestroyed() ? ", destroyed]"
                    : ", " + submit.length() + " bytes]");
        }
    }

    /** 7: {@code u64 bufferId}. */
    record FreeReturnBuffer(long bufferId) implements Request {}

    /** 8: empty. */
    record EnumerateLogonSessions() implements Request {}

    /** 17: {@code u64 after}, {@code u32 maxCount} (at least 1). */
    record EnumerateLogonSessionsPaged(Luid after, int maxCount) implements Request {
        public EnumerateLogonSessionsPaged {
            Objects.requireNonNull(after, "after");
        }
    }

    /** 9: {@code u64 logonId}. */
    record GetLogonSessionData(Luid logonId) implements Request {
        public GetLogonSessionData {
            Objects.requireNonNull(logonId, "logonId");
        }
    }

    /** 10: {@code u64 tokenHandle, u32 tokenInformationClass}. */
    record GetTokenInformation(TokenHandle token, TokenInformationClass informationClass) implements Request {
        public GetTokenInformation {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(informationClass, "informationClass");
        }
    }

    /** 11: {@code u64 tokenHandle}. */
    record QueryToken(TokenHandle token) implements Request {
        public QueryToken {
            Objects.requireNonNull(token, "token");
        }
    }

    /** 12: {@code u64 tokenHandle, u32 desiredAccess, u32 impersonationLevel (0xFFFFFFFF: none), u32 tokenType}. */
    record DuplicateToken(TokenHandle token, int desiredAccess, ImpersonationLevel levelOrNull, TokenType type)
            implements Request {
        public DuplicateToken {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(type, "type");
        }
    }

    /** 13: {@code u64 tokenHandle}. */
    record CloseHandle(TokenHandle token) implements Request {
        public CloseHandle {
            Objects.requireNonNull(token, "token");
        }
    }

    /** 14: empty. */
    record Whoami() implements Request {}

    /** 15: {@code u32 count, sid × count} (LsaLookupSids). */
    record LookupSids(List<Sid> sids) implements Request {
        public LookupSids {
            sids = List.copyOf(sids);
        }
    }

    /** 16: {@code u32 count, string × count} (LsaLookupNames2). */
    record LookupNames(List<String> names) implements Request {
        public LookupNames {
            names = List.copyOf(names);
        }
    }

    /**
     * 18: {@code u32 count, IdQuery × count} (docs/ipc.md, MAP_IDS): the Unix ids of SIDs and the SIDs of ids, at
     * most {@link org.openlsa.idmap.IdMapService#MAX_QUERIES}; none asks only for the ranges.
     */
    record MapIds(List<org.openlsa.idmap.IdQuery> queries) implements Request {
        public MapIds {
            queries = List.copyOf(queries);
        }
    }

    /**
     * 19: {@code u64 tokenHandle, ProcessSpec, u8 stdioMask} (docs/ipc.md, "Processes"). The spec's stdio and limits
     * are not on the wire: a decoded spec has {@link org.openlsa.launch.Stdio#NULL} for every stream and no limits,
     * and {@code stdioMask} (bits 0, 1, 2: stdin, stdout, stderr) says which streams follow the frame as descriptors.
     */
    record CreateProcessAsUser(TokenHandle token, org.openlsa.launch.ProcessSpec spec, int stdioMask)
            implements Request {
        public CreateProcessAsUser {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(spec, "spec");
            Requests.checkStdioMask(stdioMask);
        }
    }

    /**
     * 20: {@code string user, string domain, bytes passwordUtf16le, string packageName, u32 logonType, ProcessSpec,
     * u8 stdioMask}. The password stays in its {@link SecretBytes}; the receiver destroys it when done.
     */
    record CreateProcessWithLogon(String user, String domain, SecretBytes password, String packageName,
                                  int logonType, org.openlsa.launch.ProcessSpec spec, int stdioMask)
            implements Request {
        public CreateProcessWithLogon {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(packageName, "packageName");
            Objects.requireNonNull(spec, "spec");
            Requests.checkStdioMask(stdioMask);
        }

        @Override
        public String toString() {
            return "CreateProcessWithLogon[user=" + user + ", domain=" + domain + ", packageName=" + packageName
                    + ", logonType=" + logonType + ", program=" + spec.program() + ", stdioMask=" + stdioMask + "]";
        }
    }

    /** 21: {@code u32 processHandle, u32 timeoutMillis}. */
    record WaitProcess(int processHandle, int timeoutMillis) implements Request {}

    /** 22: {@code u32 processHandle, u32 signal} (1, 2, 3, 9 or 15). */
    record SignalProcess(int processHandle, int signal) implements Request {}

    /** 23: {@code u32 processHandle}. */
    record CloseProcess(int processHandle) implements Request {}

    /** 24: {@code u64 logonId}. */
    record QueryUserToken(Luid logonId) implements Request {
        public QueryUserToken {
            Objects.requireNonNull(logonId, "logonId");
        }
    }

    /** An opcode this version does not know; the server answers NOT_SUPPORTED. Its body is not read. */
    record Unknown(int opcode) implements Request {}
}
