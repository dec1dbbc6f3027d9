package org.ullsnn.kernel.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageAuthenticatorTest {

    private static final byte[] HEADER = bytes("{\"msg_id\": \"1\"}");
    private static final byte[] EMPTY = bytes("{}");
    private static final byte[] CONTENT = bytes("{\"code\": \"1 + 1\"}");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void matchesPythonsHmacSha256OfTheFourFrames() {
        // hmac.new(b"key", b'{"msg_id": "1"}' + b"{}" + b"{}" + b'{"code": "1 + 1"}', hashlib.sha256).hexdigest()
        MessageAuthenticator auth = new MessageAuthenticator("HmacSHA256", "key");
        assertEquals("563c4daae9b46ed028b20155141b65a198f1786e6ba998f5801b344aca2d4608",
                auth.sign(HEADER, EMPTY, EMPTY, CONTENT));
    }

    @Test
    void acceptsACorrectSignatureOnce() {
        MessageAuthenticator auth = new MessageAuthenticator("HmacSHA256", "key");
        byte[] signature = bytes(auth.sign(HEADER, EMPTY, EMPTY, CONTENT));
        assertEquals(MessageAuthenticator.Verdict.ACCEPTED, auth.verify(signature, HEADER, EMPTY, EMPTY, CONTENT));
        assertEquals(MessageAuthenticator.Verdict.REPLAYED, auth.verify(signature, HEADER, EMPTY, EMPTY, CONTENT));
    }

    @Test
    void rejectsAMessageSignedWithAnotherKeyOrChangedAfterSigning() {
        MessageAuthenticator auth = new MessageAuthenticator("HmacSHA256", "key");
        byte[] forged = bytes(new MessageAuthenticator("HmacSHA256", "wrong").sign(HEADER, EMPTY, EMPTY, CONTENT));
        assertEquals(MessageAuthenticator.Verdict.BAD_SIGNATURE, auth.verify(forged, HEADER, EMPTY, EMPTY, CONTENT));
        byte[] signature = bytes(auth.sign(HEADER, EMPTY, EMPTY, CONTENT));
        assertEquals(MessageAuthenticator.Verdict.BAD_SIGNATURE,
                auth.verify(signature, HEADER, EMPTY, EMPTY, bytes("{\"code\": \"System.exit(0)\"}")));
        assertEquals(MessageAuthenticator.Verdict.BAD_SIGNATURE, auth.verify(bytes(""), HEADER, EMPTY, EMPTY, CONTENT));
    }
}
