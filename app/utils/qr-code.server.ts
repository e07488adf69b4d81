/**
 * QR codes as inline SVG markup: no image request, nothing for the Content-Security-Policy to
 * allow, and sharp at any zoom. Only presentation attributes, no inline styles or scripts.
 */
import QRCode from "qrcode";

export function qrCodeSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 4, width: 232, color: { dark: "#0b0c0cff", light: "#ffffffff" } });
}
