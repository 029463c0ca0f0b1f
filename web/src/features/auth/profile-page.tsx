// The profile page: account details, roles (and how to add one) and two-factor authentication.
import { useState } from "react";
import { useAppSelector } from "../../app/store";
import type { SelfServiceRole } from "../../api/types";
import { selectUser } from "./auth-slice";
import { RoleOffer } from "./role-offer";
import { TwoFactorSection } from "./two-factor-section";

const roleOffers: readonly { role: SelfServiceRole; title: string; description: string; actionLabel: string }[] = [
  {
    role: "seller",
    title: "Sell on Mnbara",
    description: "List items at a fixed price or put them up for auction.",
    actionLabel: "Become a seller",
  },
  {
    role: "traveler",
    title: "Carry items on your trips",
    description: "Take items for other people on journeys you already make, for a reward.",
    actionLabel: "Become a traveler",
  },
];

export function ProfilePage() {
  const user = useAppSelector(selectUser);
  const [notice, setNotice] = useState("");
  // RequireAuth only renders this page with a session.
  if (user === null) return null;
  const offers = roleOffers.filter((offer) => !user.roles.includes(offer.role));

  return (
    <div className="profile">
      <title>Your profile · Mnbara</title>
      <h1>Your profile</h1>
      <p className="notice" role="status">
        {notice}
      </p>
      <section className="card" aria-labelledby="account-title">
        <h2 id="account-title">Account</h2>
        <dl className="details">
          <dt>Display name</dt>
          <dd>{user.displayName}</dd>
          <dt>Email</dt>
          <dd>{user.email}</dd>
          <dt>Member since</dt>
          <dd>
            <time dateTime={user.createdAt}>{new Date(user.createdAt).toLocaleDateString(undefined, { dateStyle: "long" })}</time>
          </dd>
          <dt>Roles</dt>
          <dd>
            <ul className="badges" aria-label="Roles">
              {user.roles.map((role) => (
                <li key={role} className={`badge badge-${role}`}>
                  {role}
                </li>
              ))}
            </ul>
          </dd>
        </dl>
        {offers.length > 0 && (
          <div className="role-offers">
            {offers.map((offer) => (
              <RoleOffer key={offer.role} {...offer} onAdded={(role) => setNotice(`You are now a ${role}.`)} />
            ))}
          </div>
        )}
      </section>
      <TwoFactorSection enabled={user.mfaEnabled} onChange={setNotice} />
    </div>
  );
}
