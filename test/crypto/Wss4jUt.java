// Peer oracle for test/crypto/wss4j_peer.test.ts: calls Apache WSS4J 1.6 (Debian libwss4j-java)
// directly. Run with the single-file source launcher:
//   java -cp /usr/share/java/wss4j.jar:/usr/share/java/commons-logging.jar test/crypto/Wss4jUt.java derive <passwordHex> <saltHex> <iterations>
// With no arguments it reads one command per stdin line (one JVM start for many commands).
// Every command prints exactly one line; bytes are lowercase hex unless stated otherwise.

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.ws.security.conversation.dkalgo.P_SHA1;
import org.apache.ws.security.message.token.UsernameToken;

public class Wss4jUt {
    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            System.out.println(run(args));
            return;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (!line.isBlank()) System.out.println(run(line.trim().split(" ")));
        }
    }

    static String run(String[] a) throws Exception {
        switch (a[0]) {
            case "derive": // password bytes hex, salt hex, iterations (hex avoids charset questions)
                return hex(UsernameToken.generateDerivedKey(unhex(a[1]), unhex(a[2]), Integer.parseInt(a[3])));
            case "salt": { // mac|enc, count -> space-separated salts
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < Integer.parseInt(a[2]); i++) {
                    if (i > 0) s.append(' ');
                    s.append(hex(UsernameToken.generateSalt(a[1].equals("mac"))));
                }
                return s.toString();
            }
            case "digest": // nonce base64, created (no spaces), password bytes hex -> base64
                return UsernameToken.doPasswordDigest(a[1], a[2], unhex(a[3]));
            case "psha1": // secret hex, seed hex, offset, length
                return hex(new P_SHA1().createKey(unhex(a[1]), unhex(a[2]), Integer.parseInt(a[3]), Long.parseLong(a[4])));
            default:
                throw new IllegalArgumentException("unknown command " + a[0]);
        }
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) s.append(String.format("%02x", x & 0xff));
        return s.toString();
    }

    static byte[] unhex(String h) {
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        return out;
    }
}
