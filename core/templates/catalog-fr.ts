/** Modèles de réponse en français. Des chaînes TypeScript, pour être embarquées avec les nœuds. */
import { TemplateBody, TemplateId } from './types';

export const FR: Record<TemplateId, Required<TemplateBody>> = {
  payment_request: {
    text: `Bonjour {{client_name}},

Merci pour votre message au support {{project}}. Votre demande {{ticket}} est prête à être traitée : les interventions sont prépayées et votre compte n'a plus de crédit disponible.

Une intervention coûte {{price}}. Vous pouvez régler en toute sécurité par carte ici :
{{payment_url}}

Ce lien est valable jusqu'au {{expires_at}}. Dès la confirmation du paiement, votre demande est transmise à notre équipe et nous revenons vers vous. Inutile de nous réécrire : les messages suivants sur cette demande renvoient le même lien.

Bien cordialement,
L'équipe support {{project}}`,
    html: `<p>Bonjour {{client_name}},</p>
<p>Merci pour votre message au support {{project}}. Votre demande <strong>{{ticket}}</strong> est prête à être traitée : les interventions sont prépayées et votre compte n'a plus de crédit disponible.</p>
<p>Une intervention coûte <strong>{{price}}</strong>. Vous pouvez régler en toute sécurité par carte ici :</p>
<p><a href="{{payment_url}}">Payer {{price}} maintenant</a></p>
<p>Ce lien est valable jusqu'au {{expires_at}}. Dès la confirmation du paiement, votre demande est transmise à notre équipe et nous revenons vers vous. Inutile de nous réécrire : les messages suivants sur cette demande renvoient le même lien.</p>
<p>Bien cordialement,<br>L'équipe support {{project}}</p>`,
  },
  payment_received: {
    text: `Bonjour {{client_name}},

Nous avons bien reçu votre paiement de {{price}}. Merci !

Votre demande {{ticket}} est désormais entre les mains de notre équipe et nous revenons vers vous très rapidement.

Bien cordialement,
L'équipe support {{project}}`,
    html: `<p>Bonjour {{client_name}},</p>
<p>Nous avons bien reçu votre paiement de <strong>{{price}}</strong>. Merci !</p>
<p>Votre demande <strong>{{ticket}}</strong> est désormais entre les mains de notre équipe et nous revenons vers vous très rapidement.</p>
<p>Bien cordialement,<br>L'équipe support {{project}}</p>`,
  },
  ticket_opened: {
    text: `Bonjour {{client_name}},

Nous avons bien reçu votre demande et ouvert le ticket {{ticket}}. Notre équipe revient vers vous très rapidement.

Pour compléter votre demande, répondez simplement à ce message en gardant {{ticket}} dans l'objet.

Bien cordialement,
L'équipe support {{project}}`,
    html: `<p>Bonjour {{client_name}},</p>
<p>Nous avons bien reçu votre demande et ouvert le ticket <strong>{{ticket}}</strong>. Notre équipe revient vers vous très rapidement.</p>
<p>Pour compléter votre demande, répondez simplement à ce message en gardant {{ticket}} dans l'objet.</p>
<p>Bien cordialement,<br>L'équipe support {{project}}</p>`,
  },
  duplicate_joined: {
    text: `Bonjour {{client_name}},

Nous avons déjà votre demande : c'est le ticket {{ticket}}, et votre message y a été ajouté sans frais supplémentaires. Notre équipe revient vers vous très rapidement.

Pour compléter votre demande, répondez simplement à ce message en gardant {{ticket}} dans l'objet.

Bien cordialement,
L'équipe support {{project}}`,
    html: `<p>Bonjour {{client_name}},</p>
<p>Nous avons déjà votre demande : c'est le ticket <strong>{{ticket}}</strong>, et votre message y a été ajouté sans frais supplémentaires. Notre équipe revient vers vous très rapidement.</p>
<p>Pour compléter votre demande, répondez simplement à ce message en gardant {{ticket}} dans l'objet.</p>
<p>Bien cordialement,<br>L'équipe support {{project}}</p>`,
  },
  not_authorized: {
    text: `Bonjour {{client_name}},

Merci pour votre message. Cette adresse est réservée aux clients du support {{project}}, et votre adresse e-mail n'est rattachée à aucun compte client.

Si vous travaillez avec nous, écrivez-nous depuis l'adresse enregistrée sur votre compte, ou demandez à votre interlocuteur chez {{project}} d'ajouter celle-ci.

Bien cordialement,
L'équipe support {{project}}`,
    html: `<p>Bonjour {{client_name}},</p>
<p>Merci pour votre message. Cette adresse est réservée aux clients du support {{project}}, et votre adresse e-mail n'est rattachée à aucun compte client.</p>
<p>Si vous travaillez avec nous, écrivez-nous depuis l'adresse enregistrée sur votre compte, ou demandez à votre interlocuteur chez {{project}} d'ajouter celle-ci.</p>
<p>Bien cordialement,<br>L'équipe support {{project}}</p>`,
  },
  not_support: {
    text: `Bonjour {{client_name}},

Merci pour votre message. Cette adresse est dédiée aux demandes de support {{project}} : votre message n'a donc pas été ouvert comme ticket.

Pour toute autre question, contactez-nous par nos canaux habituels.

Bien cordialement,
L'équipe support {{project}}`,
    html: `<p>Bonjour {{client_name}},</p>
<p>Merci pour votre message. Cette adresse est dédiée aux demandes de support {{project}} : votre message n'a donc pas été ouvert comme ticket.</p>
<p>Pour toute autre question, contactez-nous par nos canaux habituels.</p>
<p>Bien cordialement,<br>L'équipe support {{project}}</p>`,
  },
};
