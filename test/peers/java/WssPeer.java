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
//   x509-secure FILE --key KEY.pem --cert CERT.pem --recipient RCERT.pem [--ca CA.pem]
//               [--sig rsa-sha1|rsa-sha256] [--digest sha1|sha256]
//               [--enc aes128-cbc|aes192-cbc|aes256-cbc|tripledes-cbc|aes128-gcm|aes192-gcm|aes256-gcm]
//               [--keywrap rsa-oaep-mgf1p|rsa-1_5] [--key-id direct|thumbprint|ski|issuer-serial]
//               [--sig-key-id direct|thumbprint|ski|issuer-serial] [--order sign-encrypt|encrypt-sign]
//               [--timestamp] [--ttl SECONDS] [--encrypt-signature] [--sign-wsa] [--no-sign] [--no-encrypt]
//               [--soap12]
//       WSSecTimestamp + WSSecSignature (Timestamp, Body, WS-Addressing headers with --sign-wsa) +
//       WSSecEncrypt (Body content, EncryptedKey for the recipient) -> {"xml", ids, algorithms}.
//       FILE "default" is a built-in SOAP envelope (--soap12 for SOAP 1.2).
//   x509-verify FILE --key KEY.pem --cert CERT.pem --ca CA.pem [--trust CERT.pem] [--no-bsp]
//               [--ts-ttl SECONDS] [--ts-future-ttl SECONDS] [--actor NAME]
//       WSSecurityEngine.processSecurityHeader with a Merlin holding KEY+CERT (decryption) and CA
//       (trust) -> {"ok", "actions", "signedElements", "decryptedElements", "signatureMethods",
//       "digestMethods", "keyTransports", "dataAlgorithms", "signerSubject", "decryptedBody"
//       (the soap:Body after processing), "document" (the whole processed document), "error", "errorCode"}.
//   KEY.pem / CERT.pem arguments are file paths or PEM text; keys are PKCS#8 or PKCS#1 (unencrypted).
//   dk-psha1 SECRET_B64 NONCE_B64 LENGTH [--label L] [--offset N | --generation N] [--version 2005/02|1.3]
//       WS-SC key derivation by WSS4J two ways: "key" is AlgoFactory.getInstance(p_sha1 URI).createKey
//       over label ‖ nonce at the spec's offset (Offset, or Generation × Length); "tokenKey" is
//       DerivedKeyToken.deriveKey on a DKT element carrying the same Nonce/Label/Offset/Generation/Length.
//   sc-sign FILE --identifier URI --secret B64 [--version 2005/02|1.3] [--sct-id ID] [--sct-ref id|identifier]
//               [--no-sct] [--value-type sct|none] [--hmac hmac-sha1|hmac-sha256] [--sig-key-length N]
//               [--timestamp] [--ttl SECONDS] [--encrypt] [--enc aes128-cbc|…] [--order sign-encrypt|encrypt-sign]
//               [--no-sign] [--soap12]
//       WSSecSecurityContextToken + WSSecDKSign (Timestamp, Body) + WSSecDKEncrypt (Body content), each
//       DKT's STR naming the SCT by "#wsu:Id" (--sct-ref id) or by its Identifier (--sct-ref identifier)
//       -> {"xml", "sctId", "identifier", "derived": [{usage, dktId, nonce, label, offset, length, key}], …}.
//   sc-verify FILE SECRETS_JSON [--no-bsp] [--ts-ttl S] [--ts-future-ttl S] [--actor NAME]
//       WSSecurityEngine with a CallbackHandler answering WSPasswordCallback.setKey from SECRETS_JSON
//       (SCT Identifier or Id → base64 secret) -> {"ok", "actions", "derived" (each DKT's id, inputs and
//       derived key), "sct", "signedElements", "decryptedElements", "decryptedBody", "callbacks", …}.
//   sct-build IDENTIFIER|generate [--version 2005/02|1.3] [--sct-id ID]   SecurityContextToken -> {"xml", …}
//   sct-read FILE                                  new SecurityContextToken(first wsc:SecurityContextToken)
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
import org.apache.ws.security.message.WSSecEncrypt;
import org.apache.ws.security.message.WSSecHeader;
import org.apache.ws.security.message.WSSecSignature;
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
        COMMANDS.put("x509-secure", WssPeer::x509Secure);
        COMMANDS.put("x509-verify", WssPeer::x509Verify);
        COMMANDS.put("dk-psha1", WssPeer::dkPsha1);
        COMMANDS.put("sc-sign", WssPeer::scSign);
        COMMANDS.put("sc-verify", WssPeer::scVerify);
        COMMANDS.put("sct-build", WssPeer::sctBuild);
        COMMANDS.put("sct-read", WssPeer::sctRead);
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
                "require-type", "ut-ttl", "ut-future-ttl", "actor", "ttl", "ts-ttl", "ts-future-ttl",
                "key", "cert", "recipient", "ca", "trust", "sig", "digest", "enc", "keywrap", "key-id", "sig-key-id",
                "order", "identifier", "secret", "version", "sct-id", "sct-ref", "value-type", "hmac",
                "sig-key-length", "label", "offset", "generation");
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

    /** The answer when the message has no Security header for the actor asked about. */
    private static Map<String, Object> noSecurityHeader(Map<String, Object> r, Map<String, Object> cfg) {
        r.put("ok", false);
        r.put("error", "no wsse:Security header for this actor");
        r.put("errorCode", "NoSecurityHeader");
        r.put("config", cfg);
        return r;
    }

    /** Records a WSS4J refusal in a verdict: {"ok": false, "error", "errorCode", "faultCode"}. */
    private static void putRefusal(Map<String, Object> r, WSSecurityException e) {
        r.put("ok", false);
        r.put("error", e.getMessage());
        r.put("errorCode", errorCodeName(e.getErrorCode()));
        r.put("faultCode", e.getFaultCode() == null ? null : e.getFaultCode().getLocalPart());
    }

    /** A WSS4J crash on hostile input is still a refusal; say so. */
    private static void putCrash(Map<String, Object> r, RuntimeException e) {
        r.put("ok", false);
        r.put("error", String.valueOf(e));
        r.put("errorCode", "RUNTIME_EXCEPTION");
    }

    /**
     * A fresh WSSConfig for message-level verification (--no-bsp, --ts-ttl, --ts-future-ttl), its
     * settings recorded in cfg.
     */
    private static WSSConfig messageConfig(Args a, Map<String, Object> cfg) throws HarnessError {
        WSSConfig config = WSSConfig.getNewInstance();
        if (a.has("no-bsp")) config.setWsiBSPCompliant(false);
        if (a.has("ts-ttl")) config.setTimeStampTTL(a.intFlag("ts-ttl", 300));
        if (a.has("ts-future-ttl")) config.setTimeStampFutureTTL(a.intFlag("ts-future-ttl", 60));
        cfg.put("wsiBSPCompliant", config.isWsiBSPCompliant());
        cfg.put("timeStampTTL", config.getTimeStampTTL());
        cfg.put("timeStampFutureTTL", config.getTimeStampFutureTTL());
        return config;
    }

    /** RequestData for WSSecurityEngine.processSecurityHeader with this config and callback handler. */
    private static RequestData requestData(WSSConfig config, CallbackHandler cb) {
        RequestData data = new RequestData();
        data.setWssConfig(config);
        data.setCallbackHandler(cb);
        return data;
    }

    /** WSS4J lists results last-processed first; this is them in processing order. */
    private static List<WSSecurityEngineResult> inProcessingOrder(List<WSSecurityEngineResult> results) {
        List<WSSecurityEngineResult> inOrder = new ArrayList<>(results == null ? List.of() : results);
        java.util.Collections.reverse(inOrder);
        return inOrder;
    }

    private static int actionOf(WSSecurityEngineResult res) {
        Object act = res.get(WSSecurityEngineResult.TAG_ACTION);
        return act instanceof Integer ? (Integer) act : -1;
    }

    /**
     * The elements a Signature or Encrypt result covers ("{ns}local", "#content" for content
     * encryption), with their digest (digests may be null: not collected) and data algorithms.
     */
    private static void collectDataRefs(WSSecurityEngineResult res, int action, List<Object> signed, List<Object> digests,
            List<Object> decrypted, List<Object> dataAlgs) {
        Object refs = res.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
        if (!(refs instanceof List)) return;
        for (Object o : (List<?>) refs) {
            if (!(o instanceof org.apache.ws.security.WSDataRef)) continue;
            org.apache.ws.security.WSDataRef d = (org.apache.ws.security.WSDataRef) o;
            String name = d.getName() == null ? null : "{" + d.getName().getNamespaceURI() + "}" + d.getName().getLocalPart();
            if (action == WSConstants.SIGN) {
                signed.add(name);
                if (digests != null && d.getDigestAlgorithm() != null) digests.add(d.getDigestAlgorithm());
            } else if (action == WSConstants.ENCR) {
                decrypted.add(d.isContent() ? name + "#content" : name);
                if (d.getAlgorithm() != null) dataAlgs.add(d.getAlgorithm());
            }
        }
    }

    /** The SOAP Body after processing (decrypted in place), or null when there is none. */
    private static void putDecryptedBody(Map<String, Object> r, Document doc) throws Exception {
        Element env = doc.getDocumentElement();
        Element body = env.getNamespaceURI() == null ? null : firstChild(env, env.getNamespaceURI(), "Body");
        r.put("decryptedBody", body == null ? null : serializeNode(body));
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
            if (sec == null) return noSecurityHeader(r, cfg);
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
            putRefusal(r, e);
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
    // X.509: sign and encrypt with WSS4J's builders; verify and decrypt with WSSecurityEngine. Keys
    // and certificates come from PEM files (or PEM text) and live in a Merlin built in memory: a
    // PKCS12-type KeyStore with the private key entry (and any extra certificates) and a truststore
    // with the CA. No keytool files.

    static final String KEY_ALIAS = "me";
    static final String KEY_PASSWORD = "wsbench-peer";
    static final String WSA_NS = "http://www.w3.org/2005/08/addressing";

    private static String pemText(String arg, String what) throws HarnessError {
        if (arg == null) throw new HarnessError("missing --" + what);
        return arg.contains("-----BEGIN") ? arg : readInput(arg, null);
    }

    private static byte[] pemBody(String pem, String label) throws HarnessError {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end);
        if (b < 0 || e < b) throw new HarnessError("no " + label + " PEM block");
        return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
    }

    static java.security.PrivateKey readPrivateKey(String arg) throws Exception {
        String pem = pemText(arg, "key");
        byte[] der;
        if (pem.contains("-----BEGIN PRIVATE KEY-----")) {
            der = pemBody(pem, "PRIVATE KEY");
        } else if (pem.contains("-----BEGIN RSA PRIVATE KEY-----")) {
            // PKCS#1 RSAPrivateKey: wrap it in a PKCS#8 PrivateKeyInfo (rsaEncryption, NULL parameters).
            byte[] pkcs1 = pemBody(pem, "RSA PRIVATE KEY");
            byte[] algId = { 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.write(new byte[] { 0x02, 0x01, 0x00 });
            body.write(algId);
            body.write(derTlv(0x04, pkcs1));
            der = derTlv(0x30, body.toByteArray());
        } else {
            throw new HarnessError("--key must be an unencrypted PKCS#8 or PKCS#1 PEM");
        }
        return java.security.KeyFactory.getInstance("RSA").generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
    }

    private static byte[] derTlv(int tag, byte[] value) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        o.write(tag);
        int n = value.length;
        if (n < 0x80) o.write(n);
        else if (n < 0x100) { o.write(0x81); o.write(n); }
        else if (n < 0x10000) { o.write(0x82); o.write(n >> 8); o.write(n & 0xff); }
        else { o.write(0x83); o.write(n >> 16); o.write((n >> 8) & 0xff); o.write(n & 0xff); }
        o.write(value, 0, n);
        return o.toByteArray();
    }

    static java.security.cert.X509Certificate readCert(String arg, String what) throws Exception {
        String pem = pemText(arg, what);
        java.security.cert.CertificateFactory cf = java.security.cert.CertificateFactory.getInstance("X.509");
        return (java.security.cert.X509Certificate) cf.generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Merlins of this process by their inputs: building one (PEM parsing, PKCS#12 key protection) is the slow part. */
    private static final Map<String, org.apache.ws.security.components.crypto.Merlin> MERLINS = new java.util.HashMap<>();

    static org.apache.ws.security.components.crypto.Merlin cachedMerlin(java.security.PrivateKey key, java.security.cert.X509Certificate cert,
            List<java.security.cert.X509Certificate> others, List<java.security.cert.X509Certificate> trusted) throws Exception {
        StringBuilder k = new StringBuilder();
        if (key != null) k.append(Base64.getEncoder().encodeToString(key.getEncoded()));
        k.append('|').append(cert == null ? "" : Base64.getEncoder().encodeToString(cert.getEncoded()));
        for (java.security.cert.X509Certificate c : others) k.append("|o").append(Base64.getEncoder().encodeToString(c.getEncoded()));
        for (java.security.cert.X509Certificate c : trusted) k.append("|t").append(Base64.getEncoder().encodeToString(c.getEncoded()));
        String id = k.toString();
        org.apache.ws.security.components.crypto.Merlin m = MERLINS.get(id);
        if (m == null) {
            m = merlin(key, cert, others, trusted);
            MERLINS.put(id, m);
        }
        return m;
    }

    /** A Merlin over in-memory stores: the key entry (alias "me"), extra certificates, trusted CAs. */
    static org.apache.ws.security.components.crypto.Merlin merlin(java.security.PrivateKey key, java.security.cert.X509Certificate cert,
            List<java.security.cert.X509Certificate> others, List<java.security.cert.X509Certificate> trusted) throws Exception {
        // The store lives only in memory, so its key protection guards nothing; the JDK's default of
        // 10000 PBKDF2 rounds on every getKey() (each decryption) was most of the peer's run time.
        System.setProperty("keystore.pkcs12.keyPbeIterationCount", "1");
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        if (key != null) ks.setKeyEntry(KEY_ALIAS, key, KEY_PASSWORD.toCharArray(), new java.security.cert.Certificate[] { cert });
        else if (cert != null) ks.setCertificateEntry(KEY_ALIAS, cert);
        for (int i = 0; i < others.size(); i++) ks.setCertificateEntry("cert" + i, others.get(i));
        java.security.KeyStore ts = java.security.KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        for (int i = 0; i < trusted.size(); i++) ts.setCertificateEntry("ca" + i, trusted.get(i));
        org.apache.ws.security.components.crypto.Merlin m = new org.apache.ws.security.components.crypto.Merlin();
        m.setKeyStore(ks);
        m.setTrustStore(ts);
        return m;
    }

    /** Answers every WSPasswordCallback (signature, decryption) with the in-memory key password. */
    static final class KeyPasswordCallback implements CallbackHandler {
        final List<Object> seen = new ArrayList<>();

        @Override
        public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
            for (Callback c : callbacks) {
                if (!(c instanceof WSPasswordCallback)) throw new UnsupportedCallbackException(c);
                WSPasswordCallback pc = (WSPasswordCallback) c;
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("identifier", pc.getIdentifier());
                s.put("usage", pc.getUsage());
                seen.add(s);
                pc.setPassword(KEY_PASSWORD);
            }
        }
    }

    private static String choose(String value, Map<String, String> table, String what) throws HarnessError {
        String v = table.get(value);
        if (v == null) throw new HarnessError("--" + what + " must be one of " + table.keySet() + ": " + value);
        return v;
    }

    static final Map<String, String> SIG_ALGS = new LinkedHashMap<>();
    static final Map<String, String> DIGEST_ALGS = new LinkedHashMap<>();
    static final Map<String, String> ENC_ALGS = new LinkedHashMap<>();
    static final Map<String, String> KEYWRAP_ALGS = new LinkedHashMap<>();
    static final Map<String, Integer> KEY_IDS = new LinkedHashMap<>();
    static {
        SIG_ALGS.put("rsa-sha1", "http://www.w3.org/2000/09/xmldsig#rsa-sha1");
        SIG_ALGS.put("rsa-sha256", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
        DIGEST_ALGS.put("sha1", "http://www.w3.org/2000/09/xmldsig#sha1");
        DIGEST_ALGS.put("sha256", "http://www.w3.org/2001/04/xmlenc#sha256");
        ENC_ALGS.put("aes128-cbc", WSConstants.AES_128);
        ENC_ALGS.put("aes192-cbc", WSConstants.AES_192);
        ENC_ALGS.put("aes256-cbc", WSConstants.AES_256);
        ENC_ALGS.put("tripledes-cbc", WSConstants.TRIPLE_DES);
        ENC_ALGS.put("aes128-gcm", WSConstants.AES_128_GCM);
        ENC_ALGS.put("aes192-gcm", WSConstants.AES_192_GCM);
        ENC_ALGS.put("aes256-gcm", WSConstants.AES_256_GCM);
        KEYWRAP_ALGS.put("rsa-oaep-mgf1p", WSConstants.KEYTRANSPORT_RSAOEP);
        KEYWRAP_ALGS.put("rsa-1_5", WSConstants.KEYTRANSPORT_RSA15);
        KEY_IDS.put("direct", WSConstants.BST_DIRECT_REFERENCE);
        KEY_IDS.put("thumbprint", WSConstants.THUMBPRINT_IDENTIFIER);
        KEY_IDS.put("ski", WSConstants.SKI_KEY_IDENTIFIER);
        KEY_IDS.put("issuer-serial", WSConstants.ISSUER_SERIAL);
    }

    private static int keyIdType(String value, String what) throws HarnessError {
        Integer t = KEY_IDS.get(value);
        if (t == null) throw new HarnessError("--" + what + " must be one of " + KEY_IDS.keySet() + ": " + value);
        return t;
    }

    private static String soapNs(Document doc) throws HarnessError {
        Element env = doc.getDocumentElement();
        String ns = env.getNamespaceURI();
        if (!"Envelope".equals(env.getLocalName()) || !(SOAP11_NS.equals(ns) || SOAP12_NS.equals(ns))) {
            throw new HarnessError("document element is not a SOAP 1.1/1.2 Envelope");
        }
        return ns;
    }

    private static Element firstChild(Element parent, String ns, String local) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && local.equals(n.getLocalName()) && ns.equals(n.getNamespaceURI())) return (Element) n;
        }
        return null;
    }

    /** The message to secure: FILE, or "default" for an empty SOAP 1.1 (--soap12: 1.2) envelope. */
    private static Document messageToSecure(Args a, String stdin) throws Exception {
        String file = a.pos(0, "FILE");
        return parseXml(file.equals("default") ? envelope(a.has("soap12") ? SOAP12_NS : SOAP11_NS) : readInput(file, stdin));
    }

    /** --order: sign-encrypt (the default) or encrypt-sign. */
    private static String orderFlag(Args a) throws HarnessError {
        String order = a.flag("order", "sign-encrypt");
        if (!order.equals("sign-encrypt") && !order.equals("encrypt-sign")) throw new HarnessError("--order must be sign-encrypt or encrypt-sign");
        return order;
    }

    /** The steps of an --order, in the order they run. */
    private static String[] steps(String order) {
        return order.equals("sign-encrypt") ? new String[] { "sign", "encrypt" } : new String[] { "encrypt", "sign" };
    }

    /** Inserts a wsse:Security header with mustUnderstand="1". */
    private static WSSecHeader mustUnderstandHeader(Document doc) throws Exception {
        WSSecHeader secHeader = new WSSecHeader();
        secHeader.setMustUnderstand(true);
        secHeader.insertSecurityHeader(doc);
        return secHeader;
    }

    /** A Timestamp (--ttl seconds) in the header when --timestamp is given; else null. */
    private static Element timestampIfAsked(Args a, Document doc, WSSecHeader secHeader) throws Exception {
        if (!a.has("timestamp")) return null;
        WSSecTimestamp ts = new WSSecTimestamp();
        ts.setTimeToLive(a.intFlag("ttl", 300));
        ts.build(doc, secHeader);
        return ts.getElement();
    }

    /** Moves the Timestamp (if any) to the front of the header. */
    private static void timestampFirst(WSSecHeader secHeader, Element tsElement) {
        if (tsElement == null) return;
        Element sec = secHeader.getSecurityHeader();
        sec.insertBefore(tsElement, sec.getFirstChild());
    }

    /**
     * Signs (Timestamp, Body, optionally the WS-Addressing headers) with the sender's key and a
     * BinarySecurityToken, and encrypts the Body content for the recipient, in the order asked.
     */
    private static Map<String, Object> x509Secure(Args a, String stdin) throws Exception {
        Document doc = messageToSecure(a, stdin);
        String soapNs = soapNs(doc);
        String sigAlg = choose(a.flag("sig", "rsa-sha1"), SIG_ALGS, "sig");
        String digestAlg = choose(a.flag("digest", "sha1"), DIGEST_ALGS, "digest");
        String encAlg = choose(a.flag("enc", "aes256-cbc"), ENC_ALGS, "enc");
        String keywrap = choose(a.flag("keywrap", "rsa-oaep-mgf1p"), KEYWRAP_ALGS, "keywrap");
        int encKeyId = keyIdType(a.flag("key-id", "issuer-serial"), "key-id");
        int sigKeyId = keyIdType(a.flag("sig-key-id", "direct"), "sig-key-id");
        String order = orderFlag(a);
        boolean sign = !a.has("no-sign");
        boolean encrypt = !a.has("no-encrypt");
        if (a.has("encrypt-signature") && !(sign && encrypt && order.equals("sign-encrypt"))) {
            throw new HarnessError("--encrypt-signature needs --order sign-encrypt with signing and encryption");
        }

        java.security.PrivateKey key = sign ? readPrivateKey(a.flag("key", null)) : null;
        java.security.cert.X509Certificate cert = sign ? readCert(a.flag("cert", null), "cert") : null;
        java.security.cert.X509Certificate rcert = encrypt ? readCert(a.flag("recipient", null), "recipient") : null;
        List<java.security.cert.X509Certificate> others = new ArrayList<>();
        if (rcert != null) others.add(rcert);
        List<java.security.cert.X509Certificate> trusted = new ArrayList<>();
        if (a.has("ca")) trusted.add(readCert(a.flag("ca", null), "ca"));
        org.apache.ws.security.components.crypto.Merlin crypto = cachedMerlin(key, cert, others, trusted);

        WSSecHeader secHeader = mustUnderstandHeader(doc);
        Element header = (Element) secHeader.getSecurityHeader().getParentNode();

        Element tsElement = timestampIfAsked(a, doc, secHeader);

        Map<String, Object> r = new LinkedHashMap<>();
        List<Object> signedParts = new ArrayList<>();
        java.util.function.Supplier<List<org.apache.ws.security.WSEncryptionPart>> sigParts = () -> {
            List<org.apache.ws.security.WSEncryptionPart> parts = new ArrayList<>();
            if (a.has("timestamp")) parts.add(new org.apache.ws.security.WSEncryptionPart("Timestamp", WSConstants.WSU_NS, ""));
            if (a.has("sign-wsa")) {
                java.util.Set<String> names = new java.util.LinkedHashSet<>();
                for (org.w3c.dom.Node n = header.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element && WSA_NS.equals(n.getNamespaceURI())) names.add(n.getLocalName());
                }
                for (String name : names) parts.add(new org.apache.ws.security.WSEncryptionPart(name, WSA_NS, ""));
            }
            parts.add(new org.apache.ws.security.WSEncryptionPart("Body", soapNs, ""));
            for (org.apache.ws.security.WSEncryptionPart p : parts) signedParts.add("{" + p.getNamespace() + "}" + p.getName());
            return parts;
        };

        WSSecSignature sig = null;
        WSSecEncrypt enc = null;
        for (String step : steps(order)) {
            if (step.equals("sign") && sign) {
                sig = new WSSecSignature();
                sig.setUserInfo(KEY_ALIAS, KEY_PASSWORD);
                sig.setKeyIdentifierType(sigKeyId);
                sig.setSignatureAlgorithm(sigAlg);
                sig.setDigestAlgo(digestAlg);
                sig.setSigCanonicalization(WSConstants.C14N_EXCL_OMIT_COMMENTS);
                sig.prepare(doc, crypto, secHeader);
                List<javax.xml.crypto.dsig.Reference> refs = sig.addReferencesToSign(sigParts.get(), secHeader);
                sig.computeSignature(refs);
                if (sigKeyId == WSConstants.BST_DIRECT_REFERENCE) sig.prependBSTElementToHeader(secHeader);
            }
            if (step.equals("encrypt") && encrypt) {
                enc = new WSSecEncrypt();
                enc.setUseThisCert(rcert);
                enc.setKeyIdentifierType(encKeyId);
                enc.setSymmetricEncAlgorithm(encAlg);
                enc.setKeyEncAlgo(keywrap);
                List<org.apache.ws.security.WSEncryptionPart> parts = new ArrayList<>();
                parts.add(new org.apache.ws.security.WSEncryptionPart("Body", soapNs, "Content"));
                if (a.has("encrypt-signature")) parts.add(new org.apache.ws.security.WSEncryptionPart("Signature", WSConstants.SIG_NS, "Element"));
                enc.setParts(parts);
                enc.build(doc, crypto, secHeader);
            }
        }
        // WSS4J prepends every block; put the Timestamp first, as a Strict layout wants (its
        // signature covers only its own subtree, so moving it changes no digest).
        timestampFirst(secHeader, tsElement);
        r.put("xml", serialize(doc));
        r.put("signed", sign ? signedParts : new ArrayList<>());
        r.put("signatureId", sig == null ? null : sig.getId());
        r.put("bstId", sig == null ? null : sig.getBSTTokenId());
        r.put("encryptedKeyId", enc == null ? null : enc.getId());
        Map<String, Object> algs = new LinkedHashMap<>();
        algs.put("signature", sign ? sigAlg : null);
        algs.put("digest", sign ? digestAlg : null);
        algs.put("data", encrypt ? encAlg : null);
        algs.put("keyTransport", encrypt ? keywrap : null);
        r.put("algorithms", algs);
        r.put("order", order);
        return r;
    }

    /** Verifies and decrypts with WSSecurityEngine; the verdict is {"ok": ...}, never a harness error. */
    private static Map<String, Object> x509Verify(Args a, String stdin) throws Exception {
        String xml = readInput(a.pos(0, "FILE"), stdin);
        java.security.PrivateKey key = a.has("key") ? readPrivateKey(a.flag("key", null)) : null;
        java.security.cert.X509Certificate cert = a.has("cert") ? readCert(a.flag("cert", null), "cert") : null;
        if (key != null && cert == null) throw new HarnessError("--key needs --cert");
        List<java.security.cert.X509Certificate> trusted = new ArrayList<>();
        if (a.has("ca")) trusted.add(readCert(a.flag("ca", null), "ca"));
        if (a.has("trust")) trusted.add(readCert(a.flag("trust", null), "trust"));
        org.apache.ws.security.components.crypto.Merlin crypto = cachedMerlin(key, cert, new ArrayList<>(), trusted);

        Map<String, Object> cfg = new LinkedHashMap<>();
        WSSConfig config = messageConfig(a, cfg);
        cfg.put("trusted", trusted.size());

        Document doc = parseXml(xml);
        KeyPasswordCallback cb = new KeyPasswordCallback();
        WSSecurityEngine engine = new WSSecurityEngine();
        engine.setWssConfig(config);
        RequestData data = requestData(config, cb);
        data.setSigCrypto(crypto);
        data.setDecCrypto(crypto);

        Map<String, Object> r = new LinkedHashMap<>();
        List<Object> actions = new ArrayList<>();
        List<Object> signed = new ArrayList<>();
        List<Object> decrypted = new ArrayList<>();
        List<Object> sigMethods = new ArrayList<>();
        List<Object> digests = new ArrayList<>();
        List<Object> transports = new ArrayList<>();
        List<Object> dataAlgs = new ArrayList<>();
        String signer = null;
        try {
            Element sec = WSSecurityUtil.getSecurityHeader(doc, a.flag("actor", null));
            if (sec == null) return noSecurityHeader(r, cfg);
            List<WSSecurityEngineResult> results = engine.processSecurityHeader(sec, data);
            for (WSSecurityEngineResult res : inProcessingOrder(results)) {
                int action = actionOf(res);
                actions.add(actionName(action));
                if (action == WSConstants.SIGN) {
                    Object m = res.get(WSSecurityEngineResult.TAG_SIGNATURE_METHOD);
                    if (m != null) sigMethods.add(String.valueOf(m));
                    Object c = res.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE);
                    if (c instanceof java.security.cert.X509Certificate) {
                        signer = ((java.security.cert.X509Certificate) c).getSubjectX500Principal().getName();
                    }
                }
                if (action == WSConstants.ENCR) {
                    Object t = res.get(WSSecurityEngineResult.TAG_ENCRYPTED_KEY_TRANSPORT_METHOD);
                    if (t != null) transports.add(String.valueOf(t));
                }
                collectDataRefs(res, action, signed, digests, decrypted, dataAlgs);
            }
            r.put("ok", true);
        } catch (WSSecurityException e) {
            putRefusal(r, e);
        } catch (RuntimeException e) {
            putCrash(r, e);
        }
        r.put("actions", actions);
        r.put("signedElements", signed);
        r.put("decryptedElements", decrypted);
        r.put("signatureMethods", sigMethods);
        r.put("digestMethods", digests);
        r.put("keyTransports", transports);
        r.put("dataAlgorithms", dataAlgs);
        r.put("signerSubject", signer);
        putDecryptedBody(r, doc);
        r.put("document", serialize(doc));
        r.put("callbacks", cb.seen);
        r.put("config", cfg);
        return r;
    }

    static String serializeNode(org.w3c.dom.Node node) throws Exception {
        Transformer t = TransformerFactory.newInstance().newTransformer();
        t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        StringWriter w = new StringWriter();
        t.transform(new DOMSource(node), new StreamResult(w));
        return w.toString();
    }

    // ----------------------------------------------------------------------------------------------
    // WS-SecureConversation: WSS4J's P_SHA1 and DerivedKeyToken derivation, SCT + derived-key
    // signing/encryption with its builders, and inbound processing with the SCT secret supplied by
    // a CallbackHandler. WSS4J 1.6 has no RST/RSTR (SCT issuance) builder; its conversation support
    // is the SecurityContextToken and DerivedKeyToken elements and the WSSecDK* builders.

    private static int wscVersion(String v) throws HarnessError {
        if (v.equals("2005/02")) return org.apache.ws.security.conversation.ConversationConstants.VERSION_05_02;
        if (v.equals("1.3")) return org.apache.ws.security.conversation.ConversationConstants.VERSION_05_12;
        throw new HarnessError("--version must be 2005/02 or 1.3: " + v);
    }

    private static Document emptyDocument() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().newDocument();
    }

    private static String b64(byte[] bytes) { return Base64.getEncoder().encodeToString(bytes); }

    private static Map<String, Object> dkPsha1(Args a, String stdin) throws Exception {
        byte[] secret = b64(a.pos(0, "SECRET_B64"), "SECRET_B64");
        String nonceB64 = a.pos(1, "NONCE_B64");
        byte[] nonce = b64(nonceB64, "NONCE_B64");
        int length = parseInt(a.pos(2, "LENGTH"), "LENGTH");
        int version = wscVersion(a.flag("version", "2005/02"));
        String label = a.flag("label", null);
        if (a.has("offset") && a.has("generation")) throw new HarnessError("give --offset or --generation, not both");
        int offset = a.has("generation") ? a.intFlag("generation", 0) * length : a.intFlag("offset", 0);
        String alg = org.apache.ws.security.conversation.ConversationConstants.getWSCNs(version) + "/dk/p_sha1";

        String dflt = org.apache.ws.security.conversation.ConversationConstants.DEFAULT_LABEL;
        byte[] labelBytes = (label == null ? dflt + dflt : label).getBytes(StandardCharsets.UTF_8);
        byte[] seed = new byte[labelBytes.length + nonce.length];
        System.arraycopy(labelBytes, 0, seed, 0, labelBytes.length);
        System.arraycopy(nonce, 0, seed, labelBytes.length, nonce.length);
        byte[] key = org.apache.ws.security.conversation.dkalgo.AlgoFactory.getInstance(alg).createKey(secret, seed, offset, length);

        // The same inputs as a DerivedKeyToken element, derived the way WSS4J's processor does it.
        org.apache.ws.security.message.token.DerivedKeyToken dkt =
                new org.apache.ws.security.message.token.DerivedKeyToken(version, emptyDocument());
        dkt.setAlgorithm(alg);
        if (a.has("generation")) dkt.setGeneration(a.intFlag("generation", 0));
        if (a.has("offset")) dkt.setOffset(a.intFlag("offset", 0));
        dkt.setLength(length);
        if (label != null) dkt.setLabel(label);
        dkt.setNonce(nonceB64.trim());
        byte[] tokenKey = dkt.deriveKey(length, secret);

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("key", b64(key));
        r.put("tokenKey", b64(tokenKey));
        r.put("algorithm", alg);
        r.put("seed", b64(seed));
        r.put("offset", offset);
        r.put("tokenOffset", dkt.getOffset());
        r.put("tokenGeneration", dkt.getGeneration());
        r.put("tokenXml", serializeNode(dkt.getElement()));
        return r;
    }

    /** WSSecDKSign with its derived key and DerivedKeyToken readable (both are protected fields). */
    static final class DKSign extends org.apache.ws.security.message.WSSecDKSign {
        byte[] key() { return derivedKeyBytes; }
        org.apache.ws.security.message.token.DerivedKeyToken token() { return dkt; }
    }

    /** WSSecDKEncrypt, likewise. */
    static final class DKEncrypt extends org.apache.ws.security.message.WSSecDKEncrypt {
        byte[] key() { return derivedKeyBytes; }
        org.apache.ws.security.message.token.DerivedKeyToken token() { return dkt; }
    }

    private static Map<String, Object> derivedRecord(String usage, String id, org.apache.ws.security.message.token.DerivedKeyToken t,
            byte[] key, String labelUsed) throws Exception {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("usage", usage);
        d.put("dktId", id);
        d.put("nonce", t.getNonce());
        d.put("labelElement", t.getLabel());
        d.put("label", labelUsed);
        d.put("offset", t.getOffset());
        d.put("generation", t.getGeneration());
        d.put("length", t.getLength());
        d.put("algorithm", t.getAlgorithm());
        d.put("key", key == null ? null : b64(key));
        return d;
    }

    /** Configures a WSSecDK* builder to derive from the SCT secret, its STR naming the SCT as asked. */
    private static void deriveFromSct(org.apache.ws.security.message.WSSecDerivedKeyBase b, int version, byte[] secret,
            String ref, boolean byIdentifier, String valueType) {
        b.setWscVersion(version);
        b.setExternalKey(secret, ref);
        b.setTokenIdDirectId(byIdentifier);
        if (valueType != null) b.setCustomValueType(valueType);
    }

    private static Map<String, Object> scSign(Args a, String stdin) throws Exception {
        Document doc = messageToSecure(a, stdin);
        String soapNs = soapNs(doc);
        int version = wscVersion(a.flag("version", "2005/02"));
        String identifier = a.flag("identifier", null);
        if (identifier == null) throw new HarnessError("missing --identifier");
        byte[] secret = b64(a.flag("secret", ""), "--secret");
        String refMode = a.flag("sct-ref", "id");
        if (!refMode.equals("id") && !refMode.equals("identifier")) throw new HarnessError("--sct-ref must be id or identifier");
        boolean includeSct = !a.has("no-sct");
        if (!includeSct && refMode.equals("id")) throw new HarnessError("--no-sct needs --sct-ref identifier");
        String vt = a.flag("value-type", "sct");
        String valueType = vt.equals("none") ? null
                : version == org.apache.ws.security.conversation.ConversationConstants.VERSION_05_12 ? WSConstants.WSC_SCT_05_12 : WSConstants.WSC_SCT;
        String hmac = choose(a.flag("hmac", "hmac-sha1"), HMAC_ALGS, "hmac");
        String encAlg = choose(a.flag("enc", "aes128-cbc"), ENC_ALGS, "enc");
        String order = orderFlag(a);
        boolean sign = !a.has("no-sign");
        boolean encrypt = a.has("encrypt");

        WSSecHeader secHeader = mustUnderstandHeader(doc);
        Element tsElement = timestampIfAsked(a, doc, secHeader);
        org.apache.ws.security.message.WSSecSecurityContextToken sct = new org.apache.ws.security.message.WSSecSecurityContextToken();
        sct.setWscVersion(version);
        sct.setIdentifier(identifier);
        // Given an Identifier, WSS4J 1.6 gives the SCT no wsu:Id (only its generated tokens get one),
        // so a "#Id" reference needs one from here.
        sct.setSctId(a.flag("sct-id", "SCT-" + java.util.UUID.randomUUID()));
        sct.prepare(doc, null);
        boolean byIdentifier = refMode.equals("identifier");
        String ref = byIdentifier ? identifier : sct.getSctId();
        String dflt = org.apache.ws.security.conversation.ConversationConstants.DEFAULT_LABEL;

        List<Object> derived = new ArrayList<>();
        List<Object> signedParts = new ArrayList<>();
        DKSign dks = null;
        DKEncrypt dke = null;
        for (String step : steps(order)) {
            if (step.equals("sign") && sign) {
                dks = new DKSign();
                deriveFromSct(dks, version, secret, ref, byIdentifier, valueType);
                dks.setSignatureAlgorithm(hmac);
                if (a.has("sig-key-length")) dks.setDerivedKeyLength(a.intFlag("sig-key-length", 0));
                List<org.apache.ws.security.WSEncryptionPart> parts = new ArrayList<>();
                if (tsElement != null) parts.add(new org.apache.ws.security.WSEncryptionPart("Timestamp", WSConstants.WSU_NS, ""));
                parts.add(new org.apache.ws.security.WSEncryptionPart("Body", soapNs, ""));
                for (org.apache.ws.security.WSEncryptionPart p : parts) signedParts.add("{" + p.getNamespace() + "}" + p.getName());
                dks.setParts(parts);
                dks.build(doc, secHeader);
                derived.add(derivedRecord("signature", dks.getId(), dks.token(), dks.key(), dflt + dflt));
            }
            if (step.equals("encrypt") && encrypt) {
                dke = new DKEncrypt();
                deriveFromSct(dke, version, secret, ref, byIdentifier, valueType);
                dke.setSymmetricEncAlgorithm(encAlg);
                List<org.apache.ws.security.WSEncryptionPart> parts = new ArrayList<>();
                parts.add(new org.apache.ws.security.WSEncryptionPart("Body", soapNs, "Content"));
                dke.setParts(parts);
                dke.build(doc, secHeader);
                derived.add(derivedRecord("encryption", dke.getId(), dke.token(), dke.key(), dflt + dflt));
            }
        }
        if (includeSct) sct.prependSCTElementToHeader(doc, secHeader);
        // Timestamp first, as in x509-secure (its digest covers only its own subtree).
        timestampFirst(secHeader, tsElement);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("xml", serialize(doc));
        r.put("identifier", sct.getIdentifier());
        r.put("sctId", sct.getSctId());
        r.put("namespace", org.apache.ws.security.conversation.ConversationConstants.getWSCNs(version));
        r.put("sctIncluded", includeSct);
        r.put("sctRef", byIdentifier ? identifier : "#" + sct.getSctId());
        r.put("valueType", valueType);
        r.put("derived", derived);
        r.put("signed", signedParts);
        r.put("signatureId", dks == null ? null : dks.getSignatureId());
        Map<String, Object> algs = new LinkedHashMap<>();
        algs.put("signature", dks == null ? null : hmac);
        algs.put("data", dke == null ? null : encAlg);
        r.put("algorithms", algs);
        r.put("order", order);
        return r;
    }

    static final Map<String, String> HMAC_ALGS = new LinkedHashMap<>();
    static {
        HMAC_ALGS.put("hmac-sha1", WSConstants.HMAC_SHA1);
        HMAC_ALGS.put("hmac-sha256", WSConstants.HMAC_SHA256);
    }

    /** Answers WSPasswordCallback.setKey with the secret for the callback's identifier (SCT Identifier or Id). */
    static final class SecretsCallbackHandler implements CallbackHandler {
        final Map<String, String> secrets;
        final List<Object> seen = new ArrayList<>();

        SecretsCallbackHandler(Map<String, String> secrets) { this.secrets = secrets; }

        @Override
        public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
            for (Callback c : callbacks) {
                if (!(c instanceof WSPasswordCallback)) throw new UnsupportedCallbackException(c);
                WSPasswordCallback pc = (WSPasswordCallback) c;
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("identifier", pc.getIdentifier());
                s.put("usage", pc.getUsage());
                s.put("type", pc.getType());
                String b = secrets.get(pc.getIdentifier());
                s.put("answered", b != null);
                seen.add(s);
                // Unknown identifier: no key; WSS4J then refuses the token.
                if (b != null) pc.setKey(Base64.getDecoder().decode(b.trim()));
            }
        }
    }

    private static Map<String, Object> scVerify(Args a, String stdin) throws Exception {
        String xml = readInput(a.pos(0, "FILE"), stdin);
        Map<String, String> secrets = parseUsers(a.pos(1, "SECRETS_JSON"));
        Map<String, Object> cfg = new LinkedHashMap<>();
        WSSConfig config = messageConfig(a, cfg);

        Document doc = parseXml(xml);
        SecretsCallbackHandler cb = new SecretsCallbackHandler(secrets);
        WSSecurityEngine engine = new WSSecurityEngine();
        engine.setWssConfig(config);
        RequestData data = requestData(config, cb);

        Map<String, Object> r = new LinkedHashMap<>();
        List<Object> actions = new ArrayList<>();
        List<Object> derived = new ArrayList<>();
        List<Object> scts = new ArrayList<>();
        List<Object> signed = new ArrayList<>();
        List<Object> decrypted = new ArrayList<>();
        List<Object> sigMethods = new ArrayList<>();
        List<Object> dataAlgs = new ArrayList<>();
        try {
            Element sec = WSSecurityUtil.getSecurityHeader(doc, a.flag("actor", null));
            if (sec == null) return noSecurityHeader(r, cfg);
            List<WSSecurityEngineResult> results = engine.processSecurityHeader(sec, data);
            for (WSSecurityEngineResult res : inProcessingOrder(results)) {
                int action = actionOf(res);
                actions.add(actionName(action));
                if (action == WSConstants.DKT) {
                    Object t = res.get(WSSecurityEngineResult.TAG_DERIVED_KEY_TOKEN);
                    Object secret = res.get(WSSecurityEngineResult.TAG_SECRET);
                    if (t instanceof org.apache.ws.security.message.token.DerivedKeyToken) {
                        org.apache.ws.security.message.token.DerivedKeyToken dkt = (org.apache.ws.security.message.token.DerivedKeyToken) t;
                        // The result holds the source secret; the key is derived where it is used, by
                        // DerivedKeyToken.deriveKey — so derive it here the same way.
                        byte[] src = secret instanceof byte[] ? (byte[]) secret : null;
                        Map<String, Object> d = derivedRecord(null, String.valueOf(res.get(WSSecurityEngineResult.TAG_ID)), dkt,
                                src == null ? null : dkt.deriveKey(dkt.getLength(), src), dkt.getLabel());
                        d.put("sourceSecret", src == null ? null : b64(src));
                        derived.add(d);
                    }
                }
                if (action == WSConstants.SCT) {
                    Object t = res.get(WSSecurityEngineResult.TAG_SECURITY_CONTEXT_TOKEN);
                    Map<String, Object> s = new LinkedHashMap<>();
                    if (t instanceof org.apache.ws.security.message.token.SecurityContextToken) {
                        org.apache.ws.security.message.token.SecurityContextToken st = (org.apache.ws.security.message.token.SecurityContextToken) t;
                        s.put("identifier", st.getIdentifier());
                        s.put("id", st.getID());
                        s.put("namespace", st.getElement().getNamespaceURI());
                    }
                    s.put("secretResolved", res.get(WSSecurityEngineResult.TAG_SECRET) instanceof byte[]);
                    scts.add(s);
                }
                if (action == WSConstants.SIGN) {
                    Object m = res.get(WSSecurityEngineResult.TAG_SIGNATURE_METHOD);
                    if (m != null) sigMethods.add(String.valueOf(m));
                }
                collectDataRefs(res, action, signed, null, decrypted, dataAlgs);
            }
            r.put("ok", true);
        } catch (WSSecurityException e) {
            putRefusal(r, e);
        } catch (RuntimeException e) {
            putCrash(r, e);
        }
        r.put("actions", actions);
        r.put("derived", derived);
        r.put("sct", scts);
        r.put("signedElements", signed);
        r.put("decryptedElements", decrypted);
        r.put("signatureMethods", sigMethods);
        r.put("dataAlgorithms", dataAlgs);
        putDecryptedBody(r, doc);
        r.put("callbacks", cb.seen);
        r.put("config", cfg);
        return r;
    }

    private static Map<String, Object> sctBuild(Args a, String stdin) throws Exception {
        String identifier = a.pos(0, "IDENTIFIER");
        int version = wscVersion(a.flag("version", "2005/02"));
        // "generate": WSS4J makes the Identifier (and wsu:Id) itself, as WSSecSecurityContextToken does.
        org.apache.ws.security.message.token.SecurityContextToken sct = identifier.equals("generate")
                ? new org.apache.ws.security.message.token.SecurityContextToken(version, emptyDocument())
                : new org.apache.ws.security.message.token.SecurityContextToken(version, emptyDocument(), identifier);
        if (a.has("sct-id")) sct.setID(a.flag("sct-id", null));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("xml", serializeNode(sct.getElement()));
        r.put("identifier", sct.getIdentifier());
        r.put("id", sct.getID());
        r.put("tokenType", sct.getTokenType());
        return r;
    }

    /** Reads the first wsc:SecurityContextToken (either namespace) of a document with WSS4J's token class. */
    private static Map<String, Object> sctRead(Args a, String stdin) throws Exception {
        Document doc = parseXml(readInput(a.pos(0, "FILE"), stdin));
        Element found = null;
        for (String ns : new String[] { org.apache.ws.security.conversation.ConversationConstants.WSC_NS_05_02,
                org.apache.ws.security.conversation.ConversationConstants.WSC_NS_05_12 }) {
            org.w3c.dom.NodeList l = doc.getElementsByTagNameNS(ns, "SecurityContextToken");
            if (l.getLength() > 0 && found == null) found = (Element) l.item(0);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        if (found == null) {
            r.put("ok", false);
            r.put("error", "no wsc:SecurityContextToken");
            return r;
        }
        try {
            org.apache.ws.security.message.token.SecurityContextToken sct = new org.apache.ws.security.message.token.SecurityContextToken(found);
            r.put("ok", true);
            r.put("identifier", sct.getIdentifier());
            r.put("id", sct.getID());
            r.put("tokenType", sct.getTokenType());
            r.put("namespace", found.getNamespaceURI());
        } catch (WSSecurityException e) {
            r.put("ok", false);
            r.put("error", e.getMessage());
            r.put("errorCode", errorCodeName(e.getErrorCode()));
        }
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
