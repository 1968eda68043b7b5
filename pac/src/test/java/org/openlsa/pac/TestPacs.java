package org.openlsa.pac;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.openlsa.core.GroupAttributes;
import org.openlsa.core.Sid;
import org.openlsa.core.SidAndAttributes;

/** Built PAC values covering every modeled buffer and every optional part of KERB_VALIDATION_INFO. */
final class TestPacs {
    private TestPacs() {}

    static final Sid DOMAIN = Sid.parse("S-1-5-21-1004336348-1177238915-682003330");
    static final Sid RESOURCE_DOMAIN = Sid.parse("S-1-5-21-2000000001-2000000002-2000000003");

    static KerbValidationInfo fullLogonInfo() {
        byte[] key = new byte[16];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (0xA0 + i);
        }
        return KerbValidationInfo.builder(DOMAIN)
                .logonTime(KerbValidationInfo.toFileTime(Instant.parse("2025-01-02T03:04:05Z")))
                .passwordLastSet(KerbValidationInfo.toFileTime(Instant.parse("2024-12-01T00:00:00Z")))
                .passwordCanChange(KerbValidationInfo.toFileTime(Instant.parse("2024-12-02T00:00:00Z")))
                .effectiveName("jdoe").fullName("Jane Dö 🐱").logonScript("logon.cmd").profilePath("\\\\srv\\p\\jdoe")
                .homeDirectory("\\\\srv\\h\\jdoe").homeDirectoryDrive("H:")
                .logonCount(42).badPasswordCount(1).userId(1105).primaryGroupId(513)
                .groupIds(List.of(new GroupMembership(513, GroupAttributes.DEFAULT), new GroupMembership(1106, 7),
                        new GroupMembership(0xFFFFFFF0, 7)))
                .userFlags(0x100)
                .userSessionKey(key)
                .logonServer("DC01").logonDomainName("EXAMPLE")
                .userAccountControl(0x10).subAuthStatus(0).lastSuccessfulILogon(5).lastFailedILogon(6).failedILogonCount(2)
                .extraSids(List.of(new SidAndAttributes(Sid.parse("S-1-18-1"), 7),
                        new SidAndAttributes(Sid.parse("S-1-5-21-9-9-9-1000"), 0x20000007)))
                .resourceGroups(RESOURCE_DOMAIN, List.of(new GroupMembership(1200, 0x20000007)))
                .build();
    }

    static KerbValidationInfo minimalLogonInfo() {
        return KerbValidationInfo.builder(Sid.parse("S-1-5-21-1-2-3")).effectiveName("u").userId(500)
                .primaryGroupId(513).build();
    }

    static Pac fullPac() {
        return Pac.of(fullLogonInfo(),
                PacClientInfo.of(Instant.parse("2025-01-02T03:04:05Z"), "jdoe"),
                UpnDnsInfo.extended("jdoe@example.com", "EXAMPLE.COM", false, "jdoe", DOMAIN.append(1105)),
                new OpaquePacBuffer(PacBuffer.DEVICE_INFO, new byte[] {1, 2, 3}),
                PacAttributesInfo.of(PacAttributesInfo.PAC_WAS_REQUESTED),
                new PacRequestor(DOMAIN.append(1105)),
                PacSignatureData.zeroed(PacSignatureKind.SERVER, PacSignatureData.HMAC_SHA1_96_AES256),
                PacSignatureData.zeroed(PacSignatureKind.KDC, PacSignatureData.HMAC_SHA1_96_AES256),
                PacSignatureData.zeroed(PacSignatureKind.TICKET, PacSignatureData.HMAC_SHA1_96_AES256),
                new PacSignatureData(PacSignatureKind.EXTENDED_KDC, PacSignatureData.HMAC_MD5, new byte[16],
                        OptionalInt.of(0x1234)));
    }
}
