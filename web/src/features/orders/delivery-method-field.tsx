// How the order reaches the buyer: shipping, or crowdship when the listing allows a traveller to carry it.
import type { DeliveryMethod } from "../../api/types";
import { RadioGroup } from "../../components/radio-group";

interface DeliveryMethodFieldProps {
  value: DeliveryMethod;
  onChange: (method: DeliveryMethod) => void;
  crowdshipEligible: boolean;
  // What shipping costs and where it goes, as far as the page knows.
  shippingDescription: string;
}

export function DeliveryMethodField({ value, onChange, crowdshipEligible, shippingDescription }: DeliveryMethodFieldProps) {
  return (
    <RadioGroup<DeliveryMethod>
      legend="Delivery"
      name="method"
      value={value}
      onChange={onChange}
      options={[
        { value: "shipping", label: "Shipping", description: shippingDescription },
        ...(crowdshipEligible ? [{ value: "crowdship" as const, label: "Crowdship", description: "A traveller already heading your way carries it; the price is agreed with them." }] : []),
      ]}
    />
  );
}
