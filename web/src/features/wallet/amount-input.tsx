// The amount field the wallet's forms share: typed text read as exact minor units of the chosen currency, above zero.
import { useState } from "react";
import type { Money } from "../../api/types";
import { TextField } from "../../components/text-field";
import { readPositiveAmount } from "./wallet-rules";

export function useAmountInput(defaultCurrency: string) {
  const [text, setText] = useState("");
  const [currency, setCurrency] = useState(defaultCurrency);
  const [error, setError] = useState<string | undefined>(undefined);
  return {
    text,
    setText,
    currency,
    setCurrency,
    error,
    /** The amount, or null after showing why it cannot be read. */
    read(): Money | null {
      const amount = readPositiveAmount(text, currency);
      setError(amount.ok ? undefined : amount.message);
      return amount.ok ? amount.money : null;
    },
  };
}

export function AmountInput({ amount, label, name }: { amount: ReturnType<typeof useAmountInput>; label: string; name: string }) {
  return (
    <TextField
      label={label}
      name={name}
      inputMode="decimal"
      autoComplete="off"
      value={amount.text}
      onChange={(event) => amount.setText(event.target.value)}
      required
      error={amount.error}
    />
  );
}
