/** The per-request Content-Security-Policy nonce, for the few inline scripts the layout needs. */
import { createContext, useContext } from "react";

const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
