// WS-Security peer harness around Apache WSS4J 1.6 (libwss4j-java) and Santuario (libxml-security-java).
//
// One command-line program with subcommands; every subcommand prints exactly one JSON object on
// stdout. Exit status: 0 when the JSON is the result (including {"ok":false,...} verdicts from
// WSS4J), 2 on harness failure (bad arguments, unreadable files, unexpected exceptions).
//
//   verify-ut FILE USERS_JSON [--require-type text|digest] [--bsp|--no-bsp] [--replay-cache]
//                             [--ut-ttl SECONDS] [--ut-future-ttl SECONDS] [--actor NAME]
//   make-ut USER PASSWORD text|digest [--no-nonce] [--no-created] [--timestamp] [--ttl SECONDS]
//                             [--soap12]
//   ut-digest NONCE_B64 CREATED PASSWORD           UsernameToken.doPasswordDigest
//   ut-key PASSWORD SALT_B64 ITERATIONS [--password-b64]  UsernameToken.generateDerivedKey
//   ut-salt                                        UsernameToken.generateSalt(true/false)
//   psha1 SECRET_B64 SEED_B64 LENGTH [OFFSET]      conversation.dkalgo.P_SHA1.createKey
//   batch                                          JSON lines on stdin: {"args":[...],"stdin":"..."}
//                                                  one JSON result line per request on stdout
//
// FILE may be "-": the request's stdin text (in batch mode, the "stdin" member of the request).
// USERS_JSON is either a JSON object literal ({"alice":"secret"}) or a path to a file holding one.
//
// Add new subcommands to COMMANDS below; keep them pure functions from (args, stdin) to JSON.

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.apache.ws.security.WSConstants;
import org.apache.ws.security.WSPasswordCallback;
import org.apache.ws.security.WSSConfig;
import org.apache.ws.security.WSSecurityEngine;
import org.apache.ws.security.WSSecurityEngineResult;
import org.apache.ws.security.WSSecurityException;
import org.apache.ws.security.WSUsernameTokenPrincipal;
import org.apache.ws.security.cache.MemoryReplayCache;
import org.apache.ws.security.cache.ReplayCache;
import org.apache.ws.security.conversation.dkalgo.P_SHA1;
import org.apache.ws.security.handler.RequestData;
import org.apache.ws.security.message.WSSecHeader;
import org.apache.ws.security.message.WSSecTimestamp;
import org.apache.ws.security.message.WSSecUsernameToken;
import org.apache.ws.security.message.token.UsernameToken;
import org.apache.ws.security.util.WSSecurityUtil;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

public final class WssPeer {

    /** Harness failure: bad usage or an environment problem. Exit status 2. */
    static final class HarnessError extends Exception {
        HarnessError(String message) { super(message); }
        HarnessError(String message, Throwable cause) { super(message, cause); }
    }

    interface Command {
        Map<String, Object> run(Args args, String stdin) throws Exception;
    }

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();
    static {
        COMMANDS.put("verify-ut", WssPeer::verifyUt);
        COMMANDS.put("make-ut", WssPeer::makeUt);
        COMMANDS.put("ut-digest", WssPeer::utDigest);
        COMMANDS.put("ut-key", WssPeer::utKey);
        COMMANDS.put("ut-salt", WssPeer::utSalt);
        COMMANDS.put("psha1", WssPeer::psha1);
        COMMANDS.put("version", WssPeer::version);
    }

    /** Shared across the requests of one process, so a batch can exercise replay detection. */
    private static ReplayCache nonceCache;
    private static ReplayCache timestampCache;

    public static void main(String[] argv) {
        // Keep stdout for JSON only; WSS4J/Santuario log through commons-logging.
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        if (argv.length == 0) {
            System.err.println("usage: WssPeer <" + String.join("|", COMMANDS.keySet()) + "|batch> ...");
            System.exit(2);
        }
        if (argv[0].equals("batch")) {
            System.exit(batch(out));
        }
        try {
            String stdin = null;
            if (needsStdin(argv)) {
                stdin = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            }
            out.println(Json.write(dispatch(argv, stdin)));
            System.exit(0);
        } catch (Throwable e) { // harness failure includes linkage errors (missing jars)
            System.err.println("WssPeer harness failure: " + e);
            e.printStackTrace(System.err);
            System.exit(2);
        }
    }

    private static boolean needsStdin(String[] argv) {
        for (int i = 1; i < argv.length; i++) if (argv[i].equals("-")) return true;
        return false;
    }

    static Map<String, Object> dispatch(String[] argv, String stdin) throws Exception {
        Command c = COMMANDS.get(argv[0]);
        if (c == null) throw new HarnessError("unknown subcommand: " + argv[0]);
        String[] rest = new String[argv.length - 1];
        System.arraycopy(argv, 1, rest, 0, rest.length);
        return c.run(new Args(rest), stdin);
    }

    /** Batch mode: one request per stdin line; each answer is either the result or {"harnessError":...}. */
    private static int batch(PrintStream out) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                Map<String, Object> result;
                try {
                    Object req = Json.parse(line);
                    if (!(req instanceof Map)) throw new HarnessError("batch request must be a JSON object");
                    Map<?, ?> m = (Map<?, ?>) req;
                    Object a = m.get("args");
                    if (!(a instanceof List)) throw new HarnessError("batch request needs \"args\": [...]");
                    List<?> list = (List<?>) a;
                    String[] argv = new String[list.size()];
                    for (int i = 0; i < argv.length; i++) argv[i] = String.valueOf(list.get(i));
                    if (argv.length == 0 || argv[0].equals("batch")) throw new HarnessError("bad batch args");
                    Object s = m.get("stdin");
                    result = dispatch(argv, s == null ? null : String.valueOf(s));
                } catch (Exception | LinkageError e) {
                    result = new LinkedHashMap<>();
                    result.put("harnessError", String.valueOf(e));
                    e.printStackTrace(System.err);
                }
                out.println(Json.write(result));
            }
            return 0;
        } catch (Exception e) {
            System.err.println("WssPeer batch failure: " + e);
            return 2;
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Argument handling

    static final class Args {
        final List<String> positional = new ArrayList<>();
        final Map<String, String> flags = new LinkedHashMap<>();

        Args(String[] argv) {
            for (int i = 0; i < argv.length; i++) {
                String a = argv[i];
                if (a.startsWith("--")) {
                    int eq = a.indexOf('=');
                    if (eq > 0) flags.put(a.substring(2, eq), a.substring(eq + 1));
                    else if (VALUE_FLAGS.contains(a.substring(2)) && i + 1 < argv.length) flags.put(a.substring(2), argv[++i]);
                    else flags.put(a.substring(2), "");
                } else {
                    positional.add(a);
                }
            }
        }

        String pos(int i, String name) throws HarnessError {
            if (i >= positional.size()) throw new HarnessError("missing argument " + name);
            return positional.get(i);
        }

        boolean has(String flag) { return flags.containsKey(flag); }

        String flag(String flag, String dflt) { return flags.getOrDefault(flag, dflt); }

        int intFlag(String flag, int dflt) throws HarnessError {
            String v = flags.get(flag);
            if (v == null) return dflt;
            try { return Integer.parseInt(v); } catch (NumberFormatException e) { throw new HarnessError("--" + flag + " needs an integer"); }
        }

        private static final java.util.Set<String> VALUE_FLAGS = java.util.Set.of(
                "require-type", "ut-ttl", "ut-future-ttl", "actor", "ttl", "ts-ttl", "ts-future-ttl");
    }

    private static byte[] b64(String s, String what) throws HarnessError {
        try {
            return Base64.getDecoder().decode(s.trim());
        } catch (IllegalArgumentException e) {
            throw new HarnessError(what + " is not valid base64: " + s);
        }
    }

    private static int parseInt(String s, String what) throws HarnessError {
        try { return Integer.parseInt(s); } catch (NumberFormatException e) { throw new HarnessError(what + " must be an integer: " + s); }
    }

    private static String readInput(String file, String stdin) throws HarnessError {
        if (file.equals("-")) {
            if (stdin == null) throw new HarnessError("'-' given but no stdin text");
            return stdin;
        }
        try {
            return new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new HarnessError("cannot read " + file, e);
        }
    }

    // ----------------------------------------------------------------------------------------------
    // XML helpers

    static Document parseXml(String xml) throws HarnessError {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new HarnessError("cannot parse XML: " + e.getMessage(), e);
        }
    }

    static String serialize(Document doc) throws Exception {
        Transformer t = TransformerFactory.newInstance().newTransformer();
        t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        StringWriter w = new StringWriter();
        t.transform(new DOMSource(doc), new StreamResult(w));
        return w.toString();
    }

    static final String SOAP11_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope";

    static String envelope(String soapNs) {
        return "<soapenv:Envelope xmlns:soapenv=\"" + soapNs + "\">"
                + "<soapenv:Header/>"
                + "<soapenv:Body><ns:echo xmlns:ns=\"urn:wsbench:peer\"><ns:text>hello from wss4j</ns:text></ns:echo></soapenv:Body>"
                + "</soapenv:Envelope>";
    }

    // ----------------------------------------------------------------------------------------------
    // Subcommands

    private static Map<String, Object> version(Args a, String stdin) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("wss4j", WSSConfig.class.getPackage().getImplementationVersion());
        r.put("xmlsec", org.apache.xml.security.Init.class.getPackage().getImplementationVersion());
        r.put("java", System.getProperty("java.version"));
        return r;
    }

    /** Answers WSPasswordCallback from a username → password map; other callbacks are unsupported. */
    static final class UsersCallbackHandler implements CallbackHandler {
        final Map<String, String> users;
        final List<Object> seen = new ArrayList<>();

        UsersCallbackHandler(Map<String, String> users) { this.users = users; }

        @Override
        public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
            for (Callback c : callbacks) {
                if (!(c instanceof WSPasswordCallback)) throw new UnsupportedCallbackException(c);
                WSPasswordCallback pc = (WSPasswordCallback) c;
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("identifier", pc.getIdentifier());
                s.put("usage", pc.getUsage());
                s.put("type", pc.getType());
                seen.add(s);
                String pw = users.get(pc.getIdentifier());
                // Unknown user: leave the password null; WSS4J then fails authentication.
                if (pw != null) pc.setPassword(pw);
            }
        }
    }

    static Map<String, String> parseUsers(String arg) throws HarnessError {
        String text = arg.trim().startsWith("{") ? arg : readInput(arg, null);
        Object o;
        try { o = Json.parse(text); } catch (IllegalArgumentException e) { throw new HarnessError("USERS_JSON: " + e.getMessage()); }
        if (!(o instanceof Map)) throw new HarnessError("USERS_JSON must be an object of username → password");
        Map<String, String> users = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) users.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
        return users;
    }

    private static String actionName(int action) {
        switch (action) {
            case WSConstants.UT: return "UsernameToken";
            case WSConstants.UT_NOPASSWORD: return "UsernameTokenNoPassword";
            case WSConstants.TS: return "Timestamp";
            case WSConstants.SIGN: return "Signature";
            case WSConstants.ENCR: return "Encrypt";
            case WSConstants.UT_SIGN: return "UsernameTokenSignature";
            case WSConstants.ST_UNSIGNED: return "SAMLTokenUnsigned";
            case WSConstants.ST_SIGNED: return "SAMLTokenSigned";
            case WSConstants.BST: return "BinarySecurityToken";
            case WSConstants.SC: return "SignatureConfirmation";
            case WSConstants.DKT: return "DerivedKeyToken";
            case WSConstants.SCT: return "SecurityContextToken";
            default: return "action-" + action;
        }
    }

    /**
     * Runs WSS4J's inbound processing (WSSecurityEngine.processSecurityHeader) on a SOAP message.
     * Settings (reported in "config"): a fresh WSSConfig from getNewInstance(), whose defaults already
     * accept both PasswordText and PasswordDigest (requiredPasswordType null); Created freshness via
     * utTTL/utFutureTTL (WSS4J defaults 300 s / 60 s unless overridden).
     */
    private static Map<String, Object> verifyUt(Args a, String stdin) throws Exception {
        String xml = readInput(a.pos(0, "FILE"), stdin);
        Map<String, String> users = parseUsers(a.pos(1, "USERS_JSON"));

        WSSConfig config = WSSConfig.getNewInstance();
        Map<String, Object> cfg = new LinkedHashMap<>();
        String req = a.flag("require-type", null);
        if (req != null) {
            String t = req.equals("text") ? WSConstants.PASSWORD_TEXT : req.equals("digest") ? WSConstants.PASSWORD_DIGEST : req;
            config.setRequiredPasswordType(t);
        }
        if (a.has("bsp")) config.setWsiBSPCompliant(true);
        if (a.has("no-bsp")) config.setWsiBSPCompliant(false);
        // UT 1.1 §4 derived keys: the token carries Salt + Iteration and no Password; WSS4J 1.6
        // refuses such a token unless this is set, then derives the key from the callback's password.
        if (a.has("allow-no-password")) config.setAllowUsernameTokenNoPassword(true);
        if (a.has("ut-ttl")) config.setUtTTL(a.intFlag("ut-ttl", 300));
        if (a.has("ut-future-ttl")) config.setUtFutureTTL(a.intFlag("ut-future-ttl", 60));
        if (a.has("ts-ttl")) config.setTimeStampTTL(a.intFlag("ts-ttl", 300));
        if (a.has("ts-future-ttl")) config.setTimeStampFutureTTL(a.intFlag("ts-future-ttl", 60));
        cfg.put("requiredPasswordType", config.getRequiredPasswordType());
        cfg.put("handleCustomPasswordTypes", config.getHandleCustomPasswordTypes());
        cfg.put("passwordsAreEncoded", config.getPasswordsAreEncoded());
        cfg.put("allowNamespaceQualifiedPasswordTypes", config.getAllowNamespaceQualifiedPasswordTypes());
        cfg.put("wsiBSPCompliant", config.isWsiBSPCompliant());
        cfg.put("allowUsernameTokenNoPassword", config.isAllowUsernameTokenNoPassword());
        cfg.put("utTTL", config.getUtTTL());
        cfg.put("utFutureTTL", config.getUtFutureTTL());
        cfg.put("timeStampTTL", config.getTimeStampTTL());
        cfg.put("timeStampFutureTTL", config.getTimeStampFutureTTL());
        cfg.put("timeStampStrict", config.isTimeStampStrict());
        cfg.put("replayCache", a.has("replay-cache"));

        Document doc = parseXml(xml);
        UsersCallbackHandler cb = new UsersCallbackHandler(users);
        WSSecurityEngine engine = new WSSecurityEngine();
        engine.setWssConfig(config);
        RequestData data = new RequestData();
        data.setWssConfig(config);
        data.setCallbackHandler(cb);
        if (a.has("replay-cache")) {
            if (nonceCache == null) nonceCache = new MemoryReplayCache();
            if (timestampCache == null) timestampCache = new MemoryReplayCache();
            data.setNonceReplayCache(nonceCache);
            data.setTimestampReplayCache(timestampCache);
        }

        Map<String, Object> r = new LinkedHashMap<>();
        try {
            Element sec = WSSecurityUtil.getSecurityHeader(doc, a.flag("actor", null));
            if (sec == null) {
                r.put("ok", false);
                r.put("error", "no wsse:Security header for this actor");
                r.put("errorCode", "NoSecurityHeader");
                r.put("config", cfg);
                return r;
            }
            List<WSSecurityEngineResult> results = engine.processSecurityHeader(sec, data);
            List<Object> actions = new ArrayList<>();
            String principal = null;
            String passwordType = null;
            Map<String, Object> token = null;
            if (results != null) {
                for (WSSecurityEngineResult res : results) {
                    Object act = res.get(WSSecurityEngineResult.TAG_ACTION);
                    if (act instanceof Integer) actions.add(actionName((Integer) act));
                    Object p = res.get(WSSecurityEngineResult.TAG_PRINCIPAL);
                    if (p instanceof WSUsernameTokenPrincipal) {
                        WSUsernameTokenPrincipal up = (WSUsernameTokenPrincipal) p;
                        principal = up.getName();
                        passwordType = up.getPasswordType();
                        token = new LinkedHashMap<>();
                        token.put("nonce", up.getNonce());
                        token.put("created", up.getCreatedTime());
                        token.put("digest", up.isPasswordDigest());
                    }
                }
            }
            boolean hasUt = actions.contains("UsernameToken") || actions.contains("UsernameTokenNoPassword");
            r.put("ok", true);
            r.put("principal", principal);
            r.put("passwordType", passwordType);
            r.put("actions", actions);
            if (token != null) r.put("token", token);
            if (!hasUt) r.put("warning", "no UsernameToken was processed");
        } catch (WSSecurityException e) {
            r.put("ok", false);
            r.put("error", e.getMessage());
            r.put("errorCode", errorCodeName(e.getErrorCode()));
            r.put("faultCode", e.getFaultCode() == null ? null : e.getFaultCode().getLocalPart());
        }
        r.put("callbacks", cb.seen);
        r.put("config", cfg);
        return r;
    }

    private static String errorCodeName(int code) {
        switch (code) {
            case WSSecurityException.FAILURE: return "FAILURE";
            case WSSecurityException.UNSUPPORTED_SECURITY_TOKEN: return "UNSUPPORTED_SECURITY_TOKEN";
            case WSSecurityException.UNSUPPORTED_ALGORITHM: return "UNSUPPORTED_ALGORITHM";
            case WSSecurityException.INVALID_SECURITY: return "INVALID_SECURITY";
            case WSSecurityException.INVALID_SECURITY_TOKEN: return "INVALID_SECURITY_TOKEN";
            case WSSecurityException.FAILED_AUTHENTICATION: return "FAILED_AUTHENTICATION";
            case WSSecurityException.FAILED_CHECK: return "FAILED_CHECK";
            case WSSecurityException.SECURITY_TOKEN_UNAVAILABLE: return "SECURITY_TOKEN_UNAVAILABLE";
            case WSSecurityException.MESSAGE_EXPIRED: return "MESSAGE_EXPIRED";
            case WSSecurityException.FAILED_ENCRYPTION: return "FAILED_ENCRYPTION";
            case WSSecurityException.FAILED_SIGNATURE: return "FAILED_SIGNATURE";
            default: return "CODE_" + code;
        }
    }

    /** Builds a SOAP envelope with a UsernameToken (and optionally a Timestamp) using WSS4J's builders. */
    private static Map<String, Object> makeUt(Args a, String stdin) throws Exception {
        String user = a.pos(0, "USER");
        String password = a.pos(1, "PASSWORD");
        String type = a.pos(2, "text|digest");
        String pwType;
        if (type.equals("text")) pwType = WSConstants.PASSWORD_TEXT;
        else if (type.equals("digest")) pwType = WSConstants.PASSWORD_DIGEST;
        else throw new HarnessError("password type must be text or digest: " + type);

        Document doc = parseXml(envelope(a.has("soap12") ? SOAP12_NS : SOAP11_NS));
        WSSecHeader secHeader = new WSSecHeader();
        secHeader.insertSecurityHeader(doc);

        WSSecUsernameToken builder = new WSSecUsernameToken();
        builder.setPasswordType(pwType);
        builder.setUserInfo(user, password);
        if (!a.has("no-nonce")) builder.addNonce();
        if (!a.has("no-created")) builder.addCreated();
        builder.build(doc, secHeader);

        if (a.has("timestamp")) {
            WSSecTimestamp ts = new WSSecTimestamp();
            ts.setTimeToLive(a.intFlag("ttl", 300));
            ts.build(doc, secHeader); // prepends: the Timestamp comes first in the header
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("xml", serialize(doc));
        // WSS4J 1.6 always adds Nonce and Created to a PasswordDigest token, whatever was asked.
        Element ut = builder.getUsernameTokenElement();
        r.put("hasNonce", ut.getElementsByTagNameNS(WSConstants.WSSE_NS, "Nonce").getLength() > 0);
        r.put("hasCreated", ut.getElementsByTagNameNS(WSConstants.WSU_NS, "Created").getLength() > 0);
        return r;
    }

    private static Map<String, Object> utDigest(Args a, String stdin) throws Exception {
        String nonce = a.pos(0, "NONCE_B64");
        String created = a.pos(1, "CREATED");
        String password = a.pos(2, "PASSWORD");
        b64(nonce, "NONCE_B64"); // validate; WSS4J decodes it itself
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("digest", UsernameToken.doPasswordDigest(nonce, created, password));
        return r;
    }

    private static Map<String, Object> utKey(Args a, String stdin) throws Exception {
        String password = a.pos(0, "PASSWORD");
        byte[] salt = b64(a.pos(1, "SALT_B64"), "SALT_B64");
        int iterations = parseInt(a.pos(2, "ITERATIONS"), "ITERATIONS");
        byte[] key = a.has("password-b64")
                ? UsernameToken.generateDerivedKey(b64(password, "PASSWORD"), salt, iterations)
                : UsernameToken.generateDerivedKey(password, salt, iterations);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("key", Base64.getEncoder().encodeToString(key));
        return r;
    }

    private static Map<String, Object> utSalt(Args a, String stdin) {
        byte[] mac = UsernameToken.generateSalt(true);
        byte[] enc = UsernameToken.generateSalt(false);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("macSalt", Base64.getEncoder().encodeToString(mac));
        r.put("macFirstByte", mac[0] & 0xff);
        r.put("macLength", mac.length);
        r.put("encSalt", Base64.getEncoder().encodeToString(enc));
        r.put("encFirstByte", enc[0] & 0xff);
        r.put("encLength", enc.length);
        r.put("defaultIterations", UsernameToken.DEFAULT_ITERATION);
        return r;
    }

    private static Map<String, Object> psha1(Args a, String stdin) throws Exception {
        byte[] secret = b64(a.pos(0, "SECRET_B64"), "SECRET_B64");
        byte[] seed = b64(a.pos(1, "SEED_B64"), "SEED_B64");
        int length = parseInt(a.pos(2, "LENGTH"), "LENGTH");
        int offset = a.positional.size() > 3 ? parseInt(a.pos(3, "OFFSET"), "OFFSET") : 0;
        byte[] key = new P_SHA1().createKey(secret, seed, offset, length);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("key", Base64.getEncoder().encodeToString(key));
        return r;
    }

    // ----------------------------------------------------------------------------------------------
    // Minimal JSON (no third-party dependency): objects, arrays, strings, numbers, booleans, null.

    static final class Json {
        private final String s;
        private int i;

        private Json(String s) { this.s = s; }

        static Object parse(String text) {
            Json p = new Json(text);
            p.ws();
            Object v = p.value();
            p.ws();
            if (p.i != p.s.length()) throw new IllegalArgumentException("trailing text at " + p.i);
            return v;
        }

        private void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }

        private char peek() {
            if (i >= s.length()) throw new IllegalArgumentException("unexpected end of JSON");
            return s.charAt(i);
        }

        private void expect(char c) {
            if (peek() != c) throw new IllegalArgumentException("expected '" + c + "' at " + i);
            i++;
        }

        private Object value() {
            char c = peek();
            if (c == '{') {
                i++;
                Map<String, Object> m = new LinkedHashMap<>();
                ws();
                if (peek() == '}') { i++; return m; }
                while (true) {
                    ws();
                    String k = string();
                    ws();
                    expect(':');
                    ws();
                    m.put(k, value());
                    ws();
                    if (peek() == ',') { i++; continue; }
                    expect('}');
                    return m;
                }
            }
            if (c == '[') {
                i++;
                List<Object> l = new ArrayList<>();
                ws();
                if (peek() == ']') { i++; return l; }
                while (true) {
                    ws();
                    l.add(value());
                    ws();
                    if (peek() == ',') { i++; continue; }
                    expect(']');
                    return l;
                }
            }
            if (c == '"') return string();
            if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
            if (s.startsWith("null", i)) { i += 4; return null; }
            int st = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            if (st == i) throw new IllegalArgumentException("unexpected '" + c + "' at " + i);
            String num = s.substring(st, i);
            if (num.matches("-?\\d+")) return Long.parseLong(num);
            return Double.parseDouble(num);
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = peek();
                i++;
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                char e = peek();
                i++;
                switch (e) {
                    case '"': b.append('"'); break;
                    case '\\': b.append('\\'); break;
                    case '/': b.append('/'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'n': b.append('\n'); break;
                    case 'r': b.append('\r'); break;
                    case 't': b.append('\t'); break;
                    case 'u':
                        if (i + 4 > s.length()) throw new IllegalArgumentException("bad \\u escape");
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                        break;
                    default: throw new IllegalArgumentException("bad escape \\" + e);
                }
            }
        }

        static String write(Object v) {
            StringBuilder b = new StringBuilder();
            write(b, v);
            return b.toString();
        }

        private static void write(StringBuilder b, Object v) {
            if (v == null) { b.append("null"); return; }
            if (v instanceof Boolean || v instanceof Integer || v instanceof Long) { b.append(v); return; }
            if (v instanceof Number) { b.append(((Number) v).doubleValue()); return; }
            if (v instanceof Map) {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    if (!first) b.append(',');
                    first = false;
                    str(b, String.valueOf(e.getKey()));
                    b.append(':');
                    write(b, e.getValue());
                }
                b.append('}');
                return;
            }
            if (v instanceof List) {
                b.append('[');
                boolean first = true;
                for (Object o : (List<?>) v) {
                    if (!first) b.append(',');
                    first = false;
                    write(b, o);
                }
                b.append(']');
                return;
            }
            str(b, String.valueOf(v));
        }

        private static void str(StringBuilder b, String s) {
            b.append('"');
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                switch (c) {
                    case '"': b.append("\\\""); break;
                    case '\\': b.append("\\\\"); break;
                    case '\n': b.append("\\n"); break;
                    case '\r': b.append("\\r"); break;
                    case '\t': b.append("\\t"); break;
                    default:
                        if (c < 0x20 || c == 0x2028 || c == 0x2029) b.append(String.format("\\u%04x", (int) c));
                        else b.append(c);
                }
            }
            b.append('"');
        }
    }
}
