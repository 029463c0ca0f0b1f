// One role a user can take on themselves (seller or traveller), with the button that adds it.
import { api } from "../../app/api";
import { useAppDispatch } from "../../app/store";
import type { SelfServiceRole } from "../../api/types";
import { ErrorAlert } from "../../components/error-alert";
import { SubmitButton } from "../../components/submit-button";
import { useFormSubmit } from "../../components/use-form-submit";
import { userUpdated } from "./auth-slice";

interface RoleOfferProps {
  role: SelfServiceRole;
  title: string;
  description: string;
  actionLabel: string;
  onAdded: (role: SelfServiceRole) => void;
}

export function RoleOffer({ role, title, description, actionLabel, onAdded }: RoleOfferProps) {
  const dispatch = useAppDispatch();
  const form = useFormSubmit({
    fields: [],
    action: async () => {
      dispatch(userUpdated(await api.addRole(role)));
      onAdded(role);
    },
  });
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} className="role-offer">
      <h3>{title}</h3>
      <p>{description}</p>
      <ErrorAlert message={form.alert} />
      <SubmitButton pending={form.pending} pendingLabel="Adding role…" variant="secondary">
        {actionLabel}
      </SubmitButton>
    </form>
  );
}
