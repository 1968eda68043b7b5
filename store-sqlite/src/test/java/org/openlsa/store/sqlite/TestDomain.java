package org.openlsa.store.sqlite;

import java.nio.file.Path;
import java.util.Arrays;
import org.openlsa.core.LsaException;
import org.openlsa.core.Sid;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.sam.DomainInfo;
import org.openlsa.sam.DomainPolicy;
import org.openlsa.sam.GroupAccount;
import org.openlsa.sam.UserAccount;

/** Fixtures shared by the store's tests: one account domain and accounts in it. */
final class TestDomain {
    private TestDomain() {}

    static final Sid SID = Sid.of(5, 21, 111, 222, 333);
    static final DomainInfo DOMAIN = new DomainInfo("TESTDOM", SID, "TESTHOST", DomainPolicy.DEFAULT);

    /** A store with the domain and Domain Users (513) created. */
    static SqliteAccountStore openWithDomain(Path file) throws LsaException {
        SqliteAccountStore store = SqliteAccountStore.open(file);
        store.createDomain(DOMAIN);
        store.createGroup(group(UserAccount.RID_DOMAIN_USERS, "Domain Users"));
        return store;
    }

    static UserAccount user(long rid, String name) {
        return UserAccount.newAccount(SID, rid, name).build();
    }

    static GroupAccount group(long rid, String name) {
        return new GroupAccount(rid, SID.append(rid), name, "");
    }

    static SecretBytes hash(int fill) {
        byte[] b = new byte[16];
        Arrays.fill(b, (byte) fill);
        return SecretBytes.adopt(b);
    }
}
