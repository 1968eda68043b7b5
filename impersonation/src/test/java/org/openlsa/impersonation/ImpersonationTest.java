package org.openlsa.impersonation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.atomic.AtomicReference;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;
import org.junit.jupiter.api.Test;
import org.openlsa.core.AccessMask;
import org.openlsa.core.GenericMapping;
import org.openlsa.core.ImpersonationLevel;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Sddl;
import org.openlsa.core.SecurityDescriptor;

/** The ScopedValue semantics of {@link Impersonation}: scope, nesting, RevertToSelf, threads, executors, forks. */
class ImpersonationTest {
    private final FakeLsa lsa = new FakeLsa();

    private static Optional<Long> rid() {
        return Impersonation.current().map(c -> c.tokenUnchecked().user().sid().rid());
    }

    @Test
    void theClientIsBoundForTheOperationOnlyOnAVirtualThread() throws Exception {
        ImpersonationContext alice = lsa.context(1001, 0x501, null);
        AtomicReference<Object> seen = new AtomicReference<>();
        AtomicReference<Object> after = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                // InterruptedException, the op's checked exception, is what callAs declares here.
                seen.set(Impersonation.callAs(alice, () -> {
                    Thread.sleep(5); // unmounts; may come back on another carrier: the binding is not per OS thread
                    Thread.yield();
                    return Impersonation.current().orElseThrow();
                }));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            after.set(Impersonation.current());
        });
        t.join();
        assertSame(alice, seen.get());
        assertEquals(Optional.empty(), after.get());
        assertEquals(Optional.empty(), Impersonation.current(), "the calling thread never saw it");
    }

    @Test
    void innermostBindingWinsAndAsSelfRevertsInsideTheScope() throws Exception {
        ImpersonationContext alice = lsa.context(1001, 0x501, null);
        ImpersonationContext bob = lsa.context(1002, 0x502, ImpersonationLevel.IMPERSONATION);
        List<Optional<Long>> trace = Impersonation.callAs(alice, () -> {
            Optional<Long> outer = rid();
            List<Optional<Long>> inner = Impersonation.callAs(bob, () -> List.of(rid(),
                    Impersonation.asSelf(ImpersonationTest::rid)));
            return List.of(outer, inner.get(0), inner.get(1), rid());
        });
        assertEquals(List.of(Optional.of(1001L), Optional.of(1002L), Optional.empty(), Optional.of(1001L)), trace);
        assertEquals(Optional.empty(), Impersonation.asSelf(ImpersonationTest::rid), "outside any scope: just runs");
    }

    @Test
    void theServersSubjectIsHiddenInsideAndRestoredByAsSelf() throws Exception {
        ImpersonationContext alice = lsa.context(1001, 0x501, null);
        Subject server = new Subject();
        server.getPrincipals().add(new KerberosPrincipal("HTTP/server.test@TEST"));
        List<Subject> subjects = Subject.callAs(server, () -> Impersonation.callAs(alice, () -> List.of(
                Subject.current(), Impersonation.asSelf(Subject::current))));
        Subject inside = subjects.get(0);
        assertTrue(inside.getPrincipals().isEmpty() && inside.getPrivateCredentials().isEmpty(),
                "no credentials, so JGSS cannot use the server's on the client's behalf: " + inside);
        assertTrue(inside.isReadOnly());
        assertSame(server, subjects.get(1), "RevertToSelf gives the server its own Subject back");
    }

    @Test
    void exceptionsPassThroughUnchangedAndEndTheScope() throws Exception {
        ImpersonationContext alice = lsa.context(1001, 0x501, null);
        IOException io = new IOException("disk");
        assertSame(io, assertThrows(IOException.class, () -> Impersonation.callAs(alice, () -> {
            throw io;
        })));
        CompletionException ce = new CompletionException("the op's own", null);
        assertSame(ce, assertThrows(CompletionException.class, () -> Impersonation.runAs(alice, () -> {
            throw ce;
        })), "the op's own CompletionException, not Subject.callAs' wrapper");
        assertEquals(Optional.empty(), Impersonation.current());
    }

    @Test
    void anExecutorTaskSeesTheClientOnlyWhenHandedTheCapture() throws Exception {
        ImpersonationContext alice = lsa.context(1001, 0x501, null);
        for (ExecutorService pool : List.of(Executors.newFixedThreadPool(1), Executors.newVirtualThreadPerTaskExecutor())) {
            try (pool) {
                List<Optional<Long>> seen = Impersonation.callAs(alice, () -> List.of(
                        pool.submit(ImpersonationTest::rid).get(),
                        pool.submit(Impersonation.capture().wrap(ImpersonationTest::rid)).get()));
                assertEquals(List.of(Optional.empty(), Optional.of(1001L)), seen, pool.toString());
                // A capture of "no client" taken outside, run inside a scope, binds no client.
                CapturedImpersonation self = Impersonation.capture();
                assertEquals(Optional.empty(), Impersonation.callAs(alice, () -> self.call(ImpersonationTest::rid)));
            }
        }
    }

    @Test
    void structuredTaskScopeForksInheritTheBindingAndTheSubject() throws Exception {
        ImpersonationContext alice = lsa.context(1001, 0x501, null);
        ImpersonationContext bob = lsa.context(1002, 0x502, null);
        List<Object> seen = Impersonation.callAs(alice, () -> {
            try (var scope = StructuredTaskScope.open()) {
                var a = scope.fork(ImpersonationTest::rid);
                var b = scope.fork(() -> Impersonation.callAs(bob, ImpersonationTest::rid));
                var s = scope.fork(Subject::current);
                scope.join();
                return List.of(a.get(), b.get(), s.get() == Subject.current());
            }
        });
        assertEquals(List.of(Optional.of(1001L), Optional.of(1002L), true), seen);
    }

    @Test
    void identificationAllowsWhoAndAccessCheckNotCredentials() throws Exception {
        ImpersonationContext id = lsa.context(1001, 0x501, ImpersonationLevel.IDENTIFICATION);
        SecurityDescriptor sd = Sddl.parse("O:BAG:BAD:(A;;FR;;;WD)");
        int read = AccessMask.GENERIC_READ;
        // Binding is allowed (ImpersonateLoggedOnUser is), and inside it the server may ask who and check access.
        assertEquals(Optional.of(1001L), Impersonation.callAs(id, ImpersonationTest::rid));
        assertEquals(1001L, id.token().user().sid().rid());
        assertTrue(id.accessCheck(sd, read, GenericMapping.FILE).granted());
        assertFalse(id.permitsImpersonation());
        boolean[] ran = {false};
        LsaException e = assertThrows(LsaException.class, () -> KerberosImpersonation.callAs(id, () -> ran[0] = true));
        assertEquals(NtStatus.BAD_IMPERSONATION_LEVEL, e.status());
        assertFalse(ran[0], "the operation never ran");
        assertEquals(List.of(), lsa.calls, "and the Kerberos package was never asked");
    }

    @Test
    void anonymousAllowsNeitherWhoNorAccessCheck() throws Exception {
        ImpersonationContext anon = lsa.context(1001, 0x501, ImpersonationLevel.ANONYMOUS);
        assertEquals(NtStatus.CANT_OPEN_ANONYMOUS, assertThrows(LsaException.class, anon::token).status());
        assertEquals(NtStatus.BAD_IMPERSONATION_LEVEL, anon.accessCheck(Sddl.parse("O:BAG:BAD:(A;;FR;;;WD)"),
                AccessMask.GENERIC_READ, GenericMapping.FILE).status());
        assertEquals(NtStatus.BAD_IMPERSONATION_LEVEL, assertThrows(LsaException.class,
                () -> KerberosImpersonation.callAs(anon, () -> null)).status());
        assertFalse(anon.toString().contains("null"), anon.toString());
    }

    @Test
    void primaryAndImpersonationAndDelegationTokensMayBeActedAs() throws Exception {
        assertEquals(ImpersonationLevel.IMPERSONATION, lsa.context(1, 1, null).level());
        assertTrue(lsa.context(1, 1, null).permitsImpersonation());
        assertTrue(lsa.context(1, 1, ImpersonationLevel.IMPERSONATION).permitsImpersonation());
        assertTrue(lsa.context(1, 1, ImpersonationLevel.DELEGATION).permitsImpersonation());
        assertEquals(NtStatus.INVALID_HANDLE, assertThrows(LsaException.class,
                () -> ImpersonationContext.of(lsa.connection, new org.openlsa.engine.TokenHandle(77))).status());
    }
}
