package mail

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"strings"

	gomail "github.com/wneessen/go-mail"
	gosmtp "github.com/wneessen/go-mail/smtp"

	"github.com/jixiao/jixiao/pipeline/config"
)

// ConfigError is a mistake in the mail configuration (wrong password,
// wrong security for the port, a sender the server refuses, a certificate
// that cannot be verified). Retrying cannot help: mailing stops for the
// run with this one message, and every mail stays queued, without using up
// an attempt, until the configuration is fixed.
type ConfigError struct {
	// Msg says, in Chinese, what is wrong and what to change.
	Msg string
	Err error
}

func (e *ConfigError) Error() string { return e.Msg }
func (e *ConfigError) Unwrap() error { return e.Err }

// configHint is the advice that closes every configuration message.
const configHint = "邮件已暂停发送，仍保留在队列中；请修改 jixiao.yaml 的 mail.smtp 设置后再运行，邮件会自动发出"

func configErr(s config.SMTP, err error, format string, args ...any) *ConfigError {
	return &ConfigError{Err: err, Msg: fmt.Sprintf("邮件配置错误（%s:%d）：", s.Host, s.Port) +
		fmt.Sprintf(format, args...) + "。" + configHint}
}

// smtpCode is the reply code of a server's answer in err (0 when err is
// not a server answer).
func smtpCode(err error) int {
	var te *textproto.Error
	if errors.As(err, &te) {
		return te.Code
	}
	var se *gomail.SendError
	if errors.As(err, &se) {
		return se.ErrorCode()
	}
	return 0
}

// classifyDial sorts an error from connecting, greeting, TLS and login
// into a *ConfigError or a temporary trouble (returned as is).
func classifyDial(s config.SMTP, err error) error {
	var rh tls.RecordHeaderError
	var ua x509.UnknownAuthorityError
	var he x509.HostnameError
	var ci x509.CertificateInvalidError
	var cv *tls.CertificateVerificationError
	var op *net.OpError
	msg := err.Error()
	code := smtpCode(err)
	switch {
	case errors.As(err, &rh):
		return configErr(s, err, "服务器在此端口不使用 SSL/TLS 直接加密。security: tls 只用于 465 端口；587 或 25 端口请把 security 改为 starttls")
	case errors.As(err, &ua), errors.As(err, &he), errors.As(err, &ci), errors.As(err, &cv):
		return configErr(s, err, "服务器的证书无法验证（%s）。内部邮件服务器使用自建证书时，请在 ca_file 中填写其 CA 证书（PEM）；并确认 host 与证书上的服务器名一致", msg)
	case strings.Contains(msg, "does not support STARTTLS"):
		return configErr(s, err, "服务器不支持 STARTTLS 加密。端口 465 请把 security 改为 tls；只有本机中继才可用 none")
	case errors.Is(err, gosmtp.ErrUnencrypted):
		return configErr(s, err, "连接未加密，不能发送密码。请把 security 改为 starttls（587/25 端口）或 tls（465 端口）")
	case errors.Is(err, gomail.ErrPlainAuthNotSupported), errors.Is(err, gomail.ErrLoginAuthNotSupported),
		strings.Contains(msg, "does not support SMTP AUTH"):
		if s.Security == "none" {
			return configErr(s, err, "服务器在未加密的连接上不提供登录。请把 security 改为 starttls（587/25 端口）或 tls（465 端口）")
		}
		return configErr(s, err, "服务器不支持所配置的登录方式 auth: %s（%s）。请改为 plain 或 login，服务器不需要登录时填 \"\"", s.Auth, msg)
	case code == 535 || code == 534 || code == 538:
		return configErr(s, err, "用户名或密码被服务器拒绝（%d）。请核对 username 和密码（环境变量 %s 或 password_file）；有的邮箱需要使用“客户端授权码”而不是登录密码", code, s.PasswordEnv)
	case code == 530:
		return configErr(s, err, "服务器要求先加密或先登录（%s）。请把 security 改为 starttls 或 tls，并配置 auth 和 username", firstLine(msg))
	case code >= 500:
		return configErr(s, err, "服务器拒绝连接（%s）。请核对 host、port，或请邮件管理员允许本机发信", firstLine(msg))
	case errors.As(err, &op) && op.Timeout() && op.Op == "read" && s.Security != "tls":
		// Connected, but no greeting: the server waits for a TLS
		// handshake that a STARTTLS client never starts.
		return configErr(s, err, "已连上服务器，但 %s 内没有收到应答。端口 %d 可能要求 SSL/TLS 直接加密（通常是 465 端口）：请把 security 改为 tls", s.Timeout, s.Port)
	}
	return err
}

// classifySend sorts the outcome of handing one message to the server.
type sendClass int

const (
	sendOK        sendClass = iota
	sendRetry               // temporary: back off, count the attempt
	sendFailed              // the recipient (or this message) was refused for good
	sendUncertain           // the data went out but no answer came back
	sendConfig              // the server refused the sender: a configuration error
)

func classifySend(s config.SMTP, msg *gomail.Msg, err error) (sendClass, string, error) {
	if msg.IsDelivered() || err == nil {
		// The server accepted the data; an error after that (RSET) does
		// not matter.
		return sendOK, "", nil
	}
	reason := err.Error()
	var se *gomail.SendError
	if !errors.As(err, &se) {
		return sendRetry, reason, nil
	}
	code := se.ErrorCode()
	switch {
	case se.Reason == gomail.ErrSMTPDataClose && code == 0:
		// The final "." was written but no answer came back: the server
		// may have queued the message. Sending again could deliver it
		// twice, so this is reported instead.
		return sendUncertain, "发送完毕后未收到服务器确认（" + reason + "）", nil
	case code == 0 || code/100 == 4 || se.IsTemp():
		return sendRetry, reason, nil
	case se.Reason == gomail.ErrSMTPMailFrom:
		// The sender, not the recipient, was refused: every message would
		// be (STARTTLS or login required, sender not allowed).
		if code == 530 {
			return sendConfig, reason, configErr(s, err, "服务器要求先加密或先登录（%s）。请把 security 改为 starttls 或 tls，并配置 auth 和 username", firstLine(reason))
		}
		return sendConfig, reason, configErr(s, err, "服务器拒绝了发件人 %s（%s）。请核对 from 是否为登录账号允许使用的地址", s.From, firstLine(reason))
	}
	return sendFailed, reason, nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return strings.TrimSpace(s)
}
