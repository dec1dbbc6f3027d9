package org.ullsnn.kernel.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellStreamTest {

    @Test
    void handsOnTextOnlyWhenFlushed() {
        List<String> sent = new ArrayList<>();
        CellStream stream = new CellStream(sent::add);
        stream.write("epoch 1\n".getBytes(StandardCharsets.UTF_8), 0, 8);
        assertEquals(List.of(), sent);
        stream.flush();
        stream.flush();
        assertEquals(List.of("epoch 1\n"), sent);
    }

    @Test
    void keepsACharacterSplitAcrossWritesUntilItIsWhole() {
        List<String> sent = new ArrayList<>();
        CellStream stream = new CellStream(sent::add);
        byte[] theta = "θ=1".getBytes(StandardCharsets.UTF_8); // θ is two bytes
        stream.write(theta, 0, 1);
        stream.flush();
        assertEquals(List.of(), sent);
        stream.write(theta, 1, theta.length - 1);
        stream.flush();
        assertEquals(List.of("θ=1"), sent);
    }

    @Test
    void flushesByItselfWhenMuchIsWaiting() {
        List<String> sent = new ArrayList<>();
        CellStream stream = new CellStream(sent::add);
        byte[] block = new byte[CellStream.MAX_BUFFERED];
        java.util.Arrays.fill(block, (byte) 'x');
        stream.write(block, 0, block.length);
        assertEquals(1, sent.size());
        assertEquals(CellStream.MAX_BUFFERED, sent.get(0).length());
    }

    @Test
    void findsTheEndOfTheLastWholeCharacter() {
        byte[] euro = "a€".getBytes(StandardCharsets.UTF_8); // € is three bytes
        assertEquals(4, CellStream.wholeCharacters(euro));
        assertEquals(1, CellStream.wholeCharacters(java.util.Arrays.copyOf(euro, 3)));
        assertEquals(1, CellStream.wholeCharacters(java.util.Arrays.copyOf(euro, 2)));
    }
}
