package org.openlsa.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.client.LsaClient;
import org.openlsa.core.Luid;
import org.openlsa.core.NtStatus;
import org.openlsa.core.SecurityLogonType;
import org.openlsa.core.TokenSource;
import org.openlsa.engine.LogonRequest;
import org.openlsa.engine.LsaConnection;
import org.openlsa.engine.LsaEngine;
import org.openlsa.ipc.FrameReader;
import org.openlsa.ipc.FrameWriter;
import org.openlsa.ipc.Protocol;
import org.openlsa.ipc.Protocol.Opcode;
import org.openlsa.ipc.Request;
import org.openlsa.ipc.Requests;
import org.openlsa.ipc.Response;
import org.openlsa.ipc.Responses;
import org.openlsa.msv1_0.Msv1_0Package;
import org.openlsa.store.sqlite.SqliteAccountStore;
import org.openlsa.testkit.TestRealm;

/**
 * docs/ipc.md, opcodes 8 and 17: more logon sessions than one frame can list. With 1 KiB frames (125 LUIDs a
 * frame), 400 sessions: the client still gets every one (opcode 17, page by page), and the old opcode 8 answers
 * what fits with STATUS_MORE_ENTRIES instead of a reply too large to send.
 */
class SessionEnumerationPagingTest {
    private static final int FRAME = 1024;

    @TempDir
    Path dir;

    @Test
    void moreSessionsThanFitInOneFrameAreAllListedThroughTheClient() throws Exception {
        try (SqliteAccountStore store = SqliteAccountStore.open(dir.resolve("sam.db"))) {
            TestRealm.provision(store, TestRealm.START);
            TestRealm.addUser(store, "pageuser", "Pag3-Passw0rd!", TestRealm.START);
            try (LsaEngine engine = LsaEngine.builder(store).addPackage(new Msv1_0Package()).random(new Random(3))
                         .build();
                 LsaConnection inProcess = engine.registerLogonProcess(engine.systemToken(), "t")) {
                int msv = inProcess.lookupAuthenticationPackage("MSV1_0");
                for (int i = 0; i < 400; i++) {
                    inProcess.freeReturnBuffer(inProcess.logonUser(new LogonRequest("paging", SecurityLogonType.INTERACTIVE,
                            msv, TestRealm.interactiveLogon(TestRealm.DOMAIN, "pageuser", "Pag3-Passw0rd!"),
                            Optional.empty(), new TokenSource("OpenLSA", new Luid(5)))).profileBuffer());
                }
                List<Luid> expected = inProcess.enumerateLogonSessions();
                assertTrue(expected.size() > 3 * Responses.sessionsThatFit(FRAME, true), "several frames' worth");
                try (LsaDaemon daemon = LsaDaemon.start(engine, new LsaDaemon.Options(dir, dir.resolve("lsad.sock"),
                        FRAME, Duration.ofSeconds(5), Duration.ofSeconds(5)));
                     LsaClient client = LsaClient.of(daemon.socketPath(), Duration.ofSeconds(10));
                     LsaConnection remote = client.connectUntrusted(null)) {
                    assertEquals(expected, remote.enumerateLogonSessions());
                    oldOpcodeAnswersWhatFitsWithMoreEntries(daemon.socketPath(), expected);
                }
            }
        }
    }

    private static void oldOpcodeAnswersWhatFitsWithMoreEntries(Path socket, List<Luid> expected) throws Exception {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            InputStream in = Channels.newInputStream(ch);
            OutputStream out = Channels.newOutputStream(ch);
            out.write(Protocol.ClientHello.current().encode());
            assertEquals(NtStatus.SUCCESS, Protocol.ServerHello.decode(in.readNBytes(16)).status());
            FrameReader frames = new FrameReader(in, FRAME);
            FrameWriter writer = new FrameWriter(out, FRAME);
            writer.write(Requests.encode(1, new Request.ConnectUntrusted()));
            frames.next().orElseThrow();
            writer.write(Requests.encode(2, new Request.EnumerateLogonSessions()));
            byte[] reply = frames.next().orElseThrow();
            assertEquals(NtStatus.MORE_ENTRIES.code(), (reply[6] & 0xFF) | (reply[7] & 0xFF) << 8
                    | (reply[8] & 0xFF) << 16 | (reply[9] & 0xFF) << 24, "status MORE_ENTRIES");
            Response.Sessions first = assertInstanceOf(Response.Sessions.class,
                    Responses.decode(reply, Opcode.ENUMERATE_LOGON_SESSIONS).body());
            assertTrue(first.more());
            assertEquals(expected.subList(0, Responses.sessionsThatFit(FRAME, false)), first.logonIds());
            List<Luid> paged = new ArrayList<>();
            Luid after = Luid.ZERO;
            int id = 3;
            while (true) {
                writer.write(Requests.encode(id, new Request.EnumerateLogonSessionsPaged(after, 0xFFFFFFFF)));
                Response.SessionPage page = assertInstanceOf(Response.SessionPage.class,
                        Responses.decode(frames.next().orElseThrow(), Opcode.ENUMERATE_LOGON_SESSIONS_PAGED).body());
                paged.addAll(page.page().logonIds());
                if (!page.page().more()) {
                    break;
                }
                after = page.page().logonIds().getLast();
                id++;
            }
            assertEquals(expected, paged, "a u32 maxCount above 2^31 means as many as fit");
        }
    }
}
