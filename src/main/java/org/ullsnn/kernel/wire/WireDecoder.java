package org.ullsnn.kernel.wire;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.adapters.HeaderAdapter;
import org.dflib.jjava.jupyter.messages.adapters.HistoryRequestAdapter;
import org.dflib.jjava.jupyter.messages.adapters.KernelTimestampAdapter;
import org.dflib.jjava.jupyter.messages.adapters.MessageTypeAdapter;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.zeromq.ZMQ;

/**
 * Turns the frames of one received multipart message into a {@link Message}, after checking its layout and
 * signature. The layout is {@code [identities..., "<IDS|MSG>", signature, header, parent_header, metadata, content,
 * buffers...]}; anything else is rejected before any JSON is parsed, and nothing is parsed before the signature
 * is verified.
 */
final class WireDecoder {

    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final int SIGNED_FRAMES = 5;
    private static final Type JSON_OBJECT_AS_MAP = new TypeToken<Map<String, Object>>() { }.getType();

    private final MessageAuthenticator authenticator;
    private final Gson gson = new GsonBuilder()
            .registerTypeAdapter(KernelTimestamp.class, KernelTimestampAdapter.INSTANCE)
            .registerTypeAdapter(Header.class, HeaderAdapter.INSTANCE)
            .registerTypeAdapter(MessageType.class, MessageTypeAdapter.INSTANCE)
            .registerTypeAdapter(HistoryRequest.class, HistoryRequestAdapter.INSTANCE)
            .create();

    WireDecoder(MessageAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /**
     * Receives one multipart message from {@code socket} (which has one waiting) and returns it verified, or
     * {@code null} after counting and logging it in {@code dropped}. Call it on the socket's own thread.
     */
    Message<?> receive(ZMQ.Socket socket, DroppedMessages dropped) {
        List<byte[]> frames = new ArrayList<>();
        byte[] frame = socket.recv(0);
        if (frame == null) {
            return null;
        }
        frames.add(frame);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        try {
            return decode(frames);
        } catch (RejectedMessageException e) {
            dropped.add(e.getMessage(), frames);
            return null;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Message<?> decode(List<byte[]> frames) throws RejectedMessageException {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(DELIMITER, frames.get(i))) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0) {
            throw new RejectedMessageException("no <IDS|MSG> delimiter in " + frames.size() + " frames");
        }
        if (frames.size() - delimiter - 1 < SIGNED_FRAMES) {
            throw new RejectedMessageException("only " + (frames.size() - delimiter - 1)
                    + " frames after the delimiter, need " + SIGNED_FRAMES);
        }
        byte[] signature = frames.get(delimiter + 1);
        byte[] header = frames.get(delimiter + 2);
        byte[] parent = frames.get(delimiter + 3);
        byte[] metadata = frames.get(delimiter + 4);
        byte[] content = frames.get(delimiter + 5);
        switch (authenticator.verify(signature, header, parent, metadata, content)) {
            case BAD_SIGNATURE -> throw new RejectedMessageException("bad signature");
            case REPLAYED -> throw new RejectedMessageException("replayed message (its signature was already used)");
            case ACCEPTED -> { }
        }
        try {
            Header<?> h = gson.fromJson(utf8(header), Header.class);
            Header<?> parentHeader = null;
            JsonElement parentJson = JsonParser.parseString(utf8(parent));
            if (parentJson.isJsonObject() && !parentJson.getAsJsonObject().isEmpty()) {
                parentHeader = gson.fromJson(parentJson, Header.class);
            }
            Map<String, Object> meta = gson.fromJson(utf8(metadata), JSON_OBJECT_AS_MAP);
            Object body = gson.fromJson(utf8(content), h.getType().getContentType());
            if (body == null) {
                throw new RejectedMessageException("empty content in a " + h.getType().getName() + " message");
            }
            List<byte[]> identities = new ArrayList<>(frames.subList(0, delimiter));
            List<byte[]> buffers = new ArrayList<>(frames.subList(delimiter + 1 + SIGNED_FRAMES, frames.size()));
            return new Message(identities, h, parentHeader, meta, body, buffers);
        } catch (RuntimeException e) {
            throw new RejectedMessageException("malformed message: " + e, e);
        }
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
