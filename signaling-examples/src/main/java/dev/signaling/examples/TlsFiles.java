package dev.signaling.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Builds the server's {@link SSLContext} from files, with the JDK alone: a PEM certificate chain
 * and a PEM private key in PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}, what {@code openssl req
 * -newkey} and Let's Encrypt write), or one PKCS#12 keystore ({@code .p12} / {@code .pfx}) holding
 * both. An older PKCS#1 {@code BEGIN RSA PRIVATE KEY} file is refused with the command that
 * converts it.
 */
final class TlsFiles {
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  private static final char[] NO_PASSWORD = new char[0];

  private TlsFiles() {}

  /** From a PEM chain and key, or from a PKCS#12 file given as {@code cert} with {@code key} null. */
  static SSLContext load(Path cert, Path key, char[] password) throws IOException, GeneralSecurityException {
    KeyStore store;
    char[] storePassword = password != null ? password : NO_PASSWORD;
    if (key == null) {
      String name = cert.getFileName().toString().toLowerCase(Locale.ROOT);
      if (!name.endsWith(".p12") && !name.endsWith(".pfx")) {
        throw new IllegalArgumentException("--tls-key is missing: give a PEM key, or a PKCS#12 (.p12/.pfx) file as --tls-cert");
      }
      store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(cert)) {
        store.load(in, storePassword);
      }
    } else {
      store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", privateKey(key), storePassword, certificates(cert).toArray(new Certificate[0]));
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, storePassword);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    Collection<? extends Certificate> chain;
    try (InputStream in = Files.newInputStream(file)) {
      chain = factory.generateCertificates(in);
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no certificate");
    }
    return new ArrayList<>(chain);
  }

  static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    Matcher pem = PEM.matcher(Files.readString(file, StandardCharsets.US_ASCII));
    while (pem.find()) {
      String type = pem.group(1);
      if (type.equals("PRIVATE KEY")) {
        byte[] der = Base64.getMimeDecoder().decode(pem.group(2));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
          try {
            return KeyFactory.getInstance(algorithm).generatePrivate(spec);
          } catch (GeneralSecurityException e) {
            last = e;
          }
        }
        throw new GeneralSecurityException(file + ": an unsupported private key", last);
      }
      if (type.equals("RSA PRIVATE KEY") || type.equals("EC PRIVATE KEY") || type.equals("ENCRYPTED PRIVATE KEY")) {
        throw new IllegalArgumentException(file + " holds a '" + type + "'; convert it to an unencrypted PKCS#8 key: "
            + "openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem");
      }
    }
    throw new IllegalArgumentException(file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
  }
}
