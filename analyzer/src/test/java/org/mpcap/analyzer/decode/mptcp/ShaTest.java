package org.mpcap.analyzer.decode.mptcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** {@link Sha} gives what the JDK's providers give, on the FIPS examples and on messages of every padding case. */
class ShaTest {
    @Test
    void fipsExamples() {
        // FIPS 180-4 example "abc" (NIST CSRC example values)
        assertThat(HexFormat.of().formatHex(Sha.sha1("abc".getBytes())))
                .isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(HexFormat.of().formatHex(Sha.sha256("abc".getBytes())))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void sameAsTheJdkForEveryLengthAcrossTwoBlocks() throws Exception {
        Random r = new Random(5);
        for (int len = 0; len <= 130; len++) { // 55/56 and 119/120 bytes: the padding takes one more block
            byte[] m = new byte[len];
            r.nextBytes(m);
            assertThat(Sha.sha1(m)).as("sha1 %d", len).isEqualTo(MessageDigest.getInstance("SHA-1").digest(m));
            assertThat(Sha.sha256(m)).as("sha256 %d", len).isEqualTo(MessageDigest.getInstance("SHA-256").digest(m));
        }
    }

    @Test
    void hmacSameAsTheJdk() throws Exception {
        Random r = new Random(9);
        for (int keyLen : new int[] {16, 64, 100}) { // MPTCP's 16 bytes; a whole block; longer than a block
            byte[] key = new byte[keyLen], msg = new byte[8];
            r.nextBytes(key);
            r.nextBytes(msg);
            for (String alg : new String[] {"HmacSHA1", "HmacSHA256"}) {
                Mac mac = Mac.getInstance(alg);
                mac.init(new SecretKeySpec(key, alg));
                assertThat(Sha.hmac(alg.equals("HmacSHA256"), key, msg)).as("%s key %d", alg, keyLen)
                        .isEqualTo(mac.doFinal(msg));
            }
        }
    }
}
