import type { ServerText } from './en.js';
import type { WidgetText } from './en-widget.js';

export const ES: { server: ServerText; widget: WidgetText } = {
  server: {
    greeting:
      '¡Hola! Soy el asistente de IA de Acme. Pregúntame lo que quieras sobre tu cuenta, ' +
      'la facturación o el producto, o pide hablar con una persona cuando quieras.',
    thanks: '¡De nada! Si surge algo más, escríbelo aquí.',
    thanksWaiting:
      '¡De nada! Sigues en la cola para hablar con una persona; si ya no la necesitas, puedes cerrar este chat.',
    greetingWaiting:
      '¡Hola! Estás en la cola y una persona de nuestro equipo te atenderá en breve. ' +
      'Mientras tanto puedes seguir escribiendo aquí.',
    waitingNote: '(Mientras esperas a nuestro equipo:) ',
    clarify:
      'Quiero entenderlo bien: ¿tu pregunta es sobre {options}? ' +
      'Unas palabras más sobre lo que intentas hacer me ayudarán.',
    or: 'o',
    handoff:
      'Paso esta conversación a nuestro equipo de soporte. ' +
      'Alguien te atenderá en breve; mientras tanto puedes seguir escribiendo aquí.',
    handoffOtherLanguage:
      'No tengo un artículo de ayuda en español sobre esto, ' +
      'así que te paso con una persona de nuestro equipo que habla español. ' +
      'Mientras tanto puedes seguir escribiendo aquí.',
    failure:
      'Lo siento, tuve un problema al responder. Te paso con nuestro equipo de soporte para que no tengas que esperar.',
    late:
      'Perdona la espera: no pude responder a tiempo, ' +
      'así que te paso con nuestro equipo de soporte. Alguien te atenderá en breve.',
    agentJoined: '{name} se ha unido a la conversación.',
    contactSaved: 'Gracias, te responderemos a {email} si no hay nadie disponible aquí.',
    transfer: 'Te estamos transfiriendo a nuestro equipo de {team}. Alguien te atenderá en breve.',
    escalated:
      'Hemos pasado tu caso a un miembro sénior de nuestro equipo porque ' +
      'está tardando más de lo debido. Gracias por tu paciencia.',
    bugFixed: 'Buenas noticias: el problema que nos comunicaste («{title}») está resuelto. Gracias por avisarnos.',
    twoParts: 'Tu pregunta tiene dos partes, que responden dos artículos:',
    readOne: 'Leer el artículo completo',
    readAll: 'Leer los artículos completos',
  },
  widget: {
    greet:
      '¡Hola! Soy un asistente de IA: respondo primero, a partir de nuestros artículos de ayuda. ' +
      'Una persona de nuestro equipo puede encargarse cuando quieras.',
    human: 'Hablar con una persona',
    humanMsg: 'Me gustaría hablar con una persona, por favor.',
    subAi: 'Asistente de IA · nuestro equipo está a un mensaje',
    subQueue: 'Esperando a nuestro equipo',
    subAgent: 'Estás hablando con {name}',
    queue: 'Te hemos pasado con nuestro equipo: posición {position} en la cola, unos {minutes} min',
    backAt: 'Te hemos pasado con nuestro equipo. Volvemos {when} y te responderemos aquí.',
    nobody:
      'Te hemos pasado con nuestro equipo. Ahora mismo no hay nadie disponible; ' +
      'te responderemos aquí en cuanto alguien vuelva.',
    mailTitle: '¿Prefieres el correo? Déjanos tu dirección y seguiremos por allí.',
    mailSend: 'Seguir por correo',
    mailSaved: 'Gracias, te responderemos a {email}.',
    retryFail: 'No se pudo enviar. Inténtalo de nuevo.',
    csatTitle: '¿Qué tal te hemos atendido?',
    csatThanks: '¡Gracias por tu opinión!',
    csatSend: 'Enviar valoración',
    resolved: 'Esta conversación se ha cerrado. Escríbenos cuando quieras si necesitas más ayuda.',
    readOne: 'Leer el artículo completo',
    readAll: 'Leer los artículos completos',
    input: 'Escribe tu mensaje…',
    ai: 'Asistente de IA',
    agent: 'Agente de soporte',
    helped: '¿Te ha servido?',
    yes: 'Sí',
    no: 'No',
    fbYes: '¡Gracias por decírnoslo!',
    fbNo: 'Gracias. Una persona de nuestro equipo te ayudará con tu próximo mensaje.',
    close: 'Cerrar el chat',
    attach: 'Adjuntar una captura o un archivo',
    msg: 'Mensaje',
    send: 'Enviar',
    mail: 'Tu correo electrónico',
    note: 'Comentario (opcional)',
    notePh: '¿Algo que añadir? (opcional)',
    said: 'Escribiste: ',
    sending: 'Enviando…',
    notSent: 'No enviado',
    retry: 'Reintentar',
    sugg: 'Preguntas sugeridas',
    log: 'Conversación',
    reconn: 'Reconectando…',
    down: 'El chat no está disponible ahora mismo. Reintentando…',
    team: 'Nuestro equipo',
    asst: 'Asistente',
    typing: '{name} está escribiendo…',
    anAgent: 'Un agente',
    article: 'Artículo',
    rate: '{n} de 5, {label}',
    rates: 'Muy mal|Mal|Regular|Bien|Muy bien',
    open: 'Abrir el chat',
    unread: 'mensajes sin leer',
    unread1: 'mensaje sin leer',
    newTab: ' (se abre en una pestaña nueva)',
    attached: 'Adjunto: {name}',
  },
};
