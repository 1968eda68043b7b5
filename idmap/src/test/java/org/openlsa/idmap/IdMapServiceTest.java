package org.openlsa.idmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlsa.core.LsaException;
import org.openlsa.core.NtStatus;
import org.openlsa.core.Sid;
import org.openlsa.crypto.NtOwf;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.sam.DomainProvisioning;
import org.openlsa.sam.UserAccount;
import org.openlsa.store.sqlite.SqliteAccountStore;

/** What both paths of {@code lsa idmap} answer with: the ranges in force, the domain, one result per question. */
class IdMapServiceTest {
    private static final Sid DOMAIN = Sid.parse("S-1-5-21-1111-2222-3333");

    @TempDir Path dir;
    private SqliteAccountStore store;
    private Path config;
    private IdMapService service;

    @BeforeEach
    void open() throws Exception {
        store = SqliteAccountStore.open(dir.resolve("sam.db"));
        try (SecretBytes h = NtOwf.ntOwfV1("Adm1n-Passw0rd!".toCharArray())) {
            DomainProvisioning.provision(store, "TESTDOM", "TESTHOST", DOMAIN, h, Instant.parse("2026-01-01T00:00:00Z"));
        }
        store.createUser(UserAccount.newAccount(DOMAIN, 1000, "alice").unixUid(OptionalLong.of(1234)).build(),
                Optional.empty());
        config = dir.resolve("idmap.properties");
        service = new IdMapService(config, store, new FakeDirectory().user(1234, "alice", 1234));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void oneResultPerQuestionInOrderWithTheRangesAndDomain() throws Exception {
        IdMapReport r = service.answer(List.of(new IdQuery.OfId(1234, IdKind.USER),
                new IdQuery.OfSid(Sid.parse("S-1-5-5-0-7"), IdKind.GROUP), new IdQuery.OfSid(DOMAIN.append(1000),
                        IdKind.GROUP)));
        assertEquals(IdRanges.defaults(), r.ranges());
        assertEquals(false, r.configured());
        assertEquals(DOMAIN, r.domainSid());
        assertEquals("TESTDOM", r.domainName());
        assertEquals(DOMAIN.append(1000), assertInstanceOf(IdMapResult.Mapped.class, r.results().get(0)).mapping().sid());
        assertEquals(IdRefusal.NOT_A_PRINCIPAL, assertInstanceOf(IdMapResult.Refused.class, r.results().get(1)).reason());
        assertEquals(401000, assertInstanceOf(IdMapResult.Mapped.class, r.results().get(2)).mapping().id());
        assertEquals(List.of(), service.answer(List.of()).results());
    }

    @Test
    void theRangeFileIsReadOnEveryCall() throws Exception {
        Files.writeString(config, "range.low=1000000\nrange.high=1999999\nslice.size=100000\n");
        IdMapReport r = service.answer(List.of(new IdQuery.OfSid(DOMAIN.append(1000), IdKind.GROUP)));
        assertEquals(true, r.configured());
        assertEquals(1_101_000, ((IdMapResult.Mapped) r.results().getFirst()).mapping().id());
        Files.writeString(config, "range.low=x\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> service.answer(List.of()));
        assertTrue(e.getMessage().contains("range.low"), e.getMessage());
    }

    @Test
    void atMostMaxQueriesPerCall() throws Exception {
        IdQuery q = new IdQuery.OfId(1, IdKind.USER);
        assertEquals(IdMapService.MAX_QUERIES,
                service.answer(Collections.nCopies(IdMapService.MAX_QUERIES, q)).results().size());
        LsaException e = assertThrows(LsaException.class,
                () -> service.answer(Collections.nCopies(IdMapService.MAX_QUERIES + 1, q)));
        assertEquals(NtStatus.INVALID_PARAMETER, e.status());
    }

    @Test
    void anIdQueryHoldsOnlyAnId() {
        assertThrows(IllegalArgumentException.class, () -> new IdQuery.OfId(-1, IdKind.USER));
        assertThrows(IllegalArgumentException.class, () -> new IdQuery.OfId(UnixAccounts.NO_ID, IdKind.GROUP));
    }
}
