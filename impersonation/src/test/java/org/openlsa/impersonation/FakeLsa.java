package org.openlsa.impersonation;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openlsa.core.AccessToken;
import org.openlsa.core.GroupAttributes;
import org.openlsa.core.ImpersonationLevel;
import org.openlsa.core.LsaException;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;
import org.openlsa.core.TokenSource;
import org.openlsa.core.TokenType;
import org.openlsa.core.WellKnownSids;
import org.openlsa.engine.CallPackageResult;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.ReturnBuffer;
import org.openlsa.engine.TokenHandle;
import org.openlsa.kerberos.KerbCallCodec;
import org.openlsa.kerberos.KerbCallRequest;

/**
 * An LsaConnection that knows some tokens (queryToken) and answers Kerberos CallPackage requests with a function the
 * test gives; every other call fails the test, so a test also shows what was not asked. It counts return buffers
 * handed out and freed.
 */
final class FakeLsa {
    static final int KERBEROS = 2;
    static final Sid DOMAIN = Sid.of(5, 21, 1, 2, 3);

    private final Map<TokenHandle, AccessToken> tokens = new HashMap<>();
    final List<KerbCallRequest> calls = new ArrayList<>();
    int outstandingBuffers;
    private long nextBuffer = 1;
    private Function<KerbCallRequest, byte[]> kerberos = r -> {
        throw new AssertionError("no Kerberos call expected, got " + r);
    };

    final LsaConnection connection = (LsaConnection) Proxy.newProxyInstance(FakeLsa.class.getClassLoader(),
            new Class<?>[] {LsaConnection.class}, (proxy, method, args) -> switch (method.getName()) {
                case "queryToken" -> {
                    AccessToken t = tokens.get((TokenHandle) args[0]);
                    if (t == null) {
                        throw new LsaException(NtStatus.INVALID_HANDLE, "not a handle of this connection");
                    }
                    yield t;
                }
                case "lookupAuthenticationPackage" -> {
                    if (!"Kerberos".equals(args[0])) {
                        throw new LsaException(NtStatus.NO_SUCH_PACKAGE, "only Kerberos here");
                    }
                    yield KERBEROS;
                }
                case "callAuthenticationPackage" -> {
                    KerbCallRequest r = KerbCallCodec.decode((byte[]) args[1]);
                    calls.add(r);
                    outstandingBuffers++;
                    yield new CallPackageResult(new ReturnBuffer(nextBuffer++, kerberos.apply(r)), NtStatus.SUCCESS);
                }
                case "freeReturnBuffer" -> {
                    outstandingBuffers--;
                    yield null;
                }
                case "toString" -> "FakeLsa";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new AssertionError("unexpected call " + method.getName());
            });

    void answerKerberos(Function<KerbCallRequest, byte[]> answer) {
        this.kerberos = answer;
    }

    /** A handle to a token of {@code user} (rid) in logon session {@code session}, at {@code level} (null: primary). */
    TokenHandle token(long rid, long session, ImpersonationLevel level) {
        Sid user = DOMAIN.append(rid);
        AccessToken.Builder b = AccessToken.builder().tokenId(new Luid(0x9000 + tokens.size()))
                .authenticationId(new Luid(session)).user(user)
                .groups(List.of(new SidAndAttributes(WellKnownSids.WORLD, GroupAttributes.DEFAULT)))
                .owner(user).primaryGroup(user).source(new TokenSource("Test", Luid.ZERO));
        b = level == null ? b.type(TokenType.PRIMARY) : b.type(TokenType.IMPERSONATION).impersonationLevel(level);
        TokenHandle h = new TokenHandle(0x100 + tokens.size());
        tokens.put(h, b.build());
        return h;
    }

    ImpersonationContext context(long rid, long session, ImpersonationLevel level) throws LsaException {
        return ImpersonationContext.of(connection, token(rid, session, level));
    }
}
