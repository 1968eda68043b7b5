package org.openlsa.pac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;

/** Generated KERB_VALIDATION_INFO and PAC values round-trip; arbitrary bytes only ever fail as format errors. */
class PacPropertiesTest {

    @Provide
    Arbitrary<Sid> sids() {
        return Arbitraries.integers().array(int[].class).ofMaxSize(15)
                .flatMap(subs -> Arbitraries.longs().between(0, (1L << 48) - 1).map(a -> Sid.of(a, subs)));
    }

    @Provide
    Arbitrary<KerbValidationInfo> infos() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<List<GroupMembership>> groups = Combinators.combine(Arbitraries.integers(), Arbitraries.integers())
                .as(GroupMembership::new).list().ofMaxSize(20);
        Arbitrary<List<SidAndAttributes>> extra = Combinators.combine(sids(), Arbitraries.integers())
                .as(SidAndAttributes::new).list().ofMaxSize(10);
        return Combinators.combine(sids(), text, text, groups, extra, sids().injectNull(0.5), groups,
                Arbitraries.longs())
                .as((domain, name, full, g, x, resDomain, resGroups, time) -> {
                    int flags = (int) (time >>> 17);
                    KerbValidationInfo.Builder b = KerbValidationInfo.builder(domain).effectiveName(name).fullName(full)
                            .groupIds(g).extraSids(x).logonTime(time).userFlags(flags).userId(flags)
                            .logonCount(flags & 0xFFFF);
                    if (resDomain != null) {
                        b.resourceGroups(resDomain, resGroups);
                    }
                    return b.build();
                });
    }

    @Property(tries = 300)
    void validationInfoRoundTrips(@ForAll("infos") KerbValidationInfo info) throws Exception {
        assertEquals(info, KerbValidationInfoCodec.decode(KerbValidationInfoCodec.encode(info)));
    }

    @Property(tries = 200)
    void pacRoundTrips(@ForAll("infos") KerbValidationInfo info, @ForAll("sids") Sid sid) throws Exception {
        List<PacBuffer> buffers = new ArrayList<>(List.of(info, new PacRequestor(sid),
                UpnDnsInfo.extended(info.effectiveName() + "@x", "X", false, info.fullName(), sid)));
        Pac pac = new Pac(buffers);
        assertEquals(pac, PacCodec.decode(PacCodec.encode(pac)));
    }

    @Property(tries = 2000)
    void garbageOnlyFailsAsFormatError(@ForAll byte[] data) {
        try {
            Pac pac = PacCodec.decode(data);
            assertEquals(pac, PacCodec.decode(PacCodec.encode(pac)));
        } catch (PacFormatException expected) {
            // the one allowed failure
        }
        try {
            KerbValidationInfoCodec.decode(data);
        } catch (PacFormatException expected) {
            // likewise
        }
    }
}
